using ReaderKit.Contracts;
using ReaderKit.Host.Journal;

namespace ReaderKit.Host.Reader;

/// <summary>
/// The tap library's closed verdict for one tap, as the host consumes it (shape of issue 10's result type; the
/// adapter over the tap library maps onto this). Check reasons never carry secrets.
/// </summary>
public sealed record TapVerdict
{
    public required VerdictKind Kind { get; init; }

    public required ErrorCode Error { get; init; }

    public IReadOnlyList<CheckLine> Checks { get; init; } = [];

    public IReadOnlyDictionary<string, TimeSpan> Timings { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>The anchor that verified the card, or null.</summary>
    public string? TrustAnchor { get; init; }

    /// <summary>True when the credential was accepted and every card check (genuine, valid, chip challenge) passed: only the face remains.</summary>
    public bool CardVerified { get; init; }

    /// <summary>The face step's conclusion.</summary>
    public FaceOutcome Face { get; init; }

    /// <summary>The match score and the threshold it was held against, when the face was compared.</summary>
    public double? FaceScore { get; init; }

    public double? FaceThreshold { get; init; }

    /// <summary>Bytes identifying the card (hashed by the journal, never stored), or empty.</summary>
    public ReadOnlyMemory<byte> CardIdentity { get; init; }

    /// <summary>Card-face fields, when they were read.</summary>
    public PersonalData? Personal { get; init; }

    /// <summary>The live frame the face match scored best (JPEG), only when <see cref="TapRequest.KeepLiveFrame"/>; never journaled.</summary>
    public byte[]? LiveFrame { get; init; }
}
