using ReaderKit.Contracts;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Journal;

/// <summary>
/// What the host journals for one tap. <see cref="CardIdentity"/> is hashed (HMAC-SHA256 under the device identity
/// key) before it is stored and is never written in clear; <see cref="Personal"/> is filtered by the configuration and
/// encrypted. Check reasons are written as given: they must never carry a secret (the tap library's contract).
/// </summary>
public sealed record TapJournalEntry
{
    /// <summary>When the tap started (card present).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the result was decided.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The verdict.</summary>
    public required VerdictKind Verdict { get; init; }

    /// <summary>The error code (<see cref="ErrorCode.Ok"/> for ACCEPT).</summary>
    public required ErrorCode Error { get; init; }

    /// <summary>Every check line, in order.</summary>
    public IReadOnlyList<CheckLine> Checks { get; init; } = [];

    /// <summary>Per-step durations (step name → time).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Timings { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Online/offline when the tap started.</summary>
    public required OperatingMode Mode { get; init; }

    /// <summary>The trust anchor that verified the card (e.g. the CA key id and its source), or null if none did.</summary>
    public string? TrustAnchor { get; init; }

    /// <summary>How the holder was tied to the card.</summary>
    public IdentityMethod Identity { get; init; }

    /// <summary>The staff member's operator id; required exactly when <see cref="Identity"/> is <see cref="IdentityMethod.ConfirmedVisuallyByStaff"/>.</summary>
    public string? StaffOperatorId { get; init; }

    /// <summary>Bytes that identify the card (e.g. its certificate's holder reference); hashed, never stored. Empty when unknown.</summary>
    public ReadOnlyMemory<byte> CardIdentity { get; init; }

    /// <summary>Personal fields read from the card; only those the configuration keeps are stored, encrypted.</summary>
    public PersonalData? Personal { get; init; }
}
