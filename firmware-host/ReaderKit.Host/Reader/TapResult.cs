using ReaderKit.Contracts;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Reader;

/// <summary>What a caller gets back for one tap. Personal fields and the photo only when the caller asked for them.</summary>
public sealed record TapResult
{
    /// <summary>The journal record id (printed on paperwork); null when no card was tapped or the journal write failed (see <see cref="JournalError"/>).</summary>
    public JournalRecordId? RecordId { get; init; }

    public required VerdictKind Verdict { get; init; }

    public required ErrorCode Error { get; init; }

    public required IdentityMethod Identity { get; init; }

    public string? StaffOperatorId { get; init; }

    public IReadOnlyList<CheckLine> Checks { get; init; } = [];

    public required OperatingMode Mode { get; init; }

    public double? FaceScore { get; init; }

    public double? FaceThreshold { get; init; }

    /// <summary>Only when <see cref="TapOptions.ReturnPersonalFields"/> (without the photo unless <see cref="TapOptions.ReturnChipPhoto"/>).</summary>
    public PersonalData? Personal { get; init; }

    /// <summary>The live frame the face match scored best (JPEG), only when <see cref="TapOptions.ReturnLiveFrame"/>; never journaled.</summary>
    public byte[]? LiveFrame { get; init; }

    /// <summary>Why the record could not be journaled, or null.</summary>
    public string? JournalError { get; init; }

    /// <summary>The face step's conclusion (before any staff decision, which <see cref="Identity"/> records).</summary>
    public FaceOutcome Face { get; init; }

    /// <summary>The trust anchor that verified the card, or null.</summary>
    public string? TrustAnchor { get; init; }

    /// <summary>Duration per step, as the tap library measured it.</summary>
    public IReadOnlyDictionary<string, TimeSpan> Timings { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>When the card was seen (or the request expired), and when the result was decided.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }
}
