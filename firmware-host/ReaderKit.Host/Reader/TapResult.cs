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

    /// <summary>Why the record could not be journaled, or null.</summary>
    public string? JournalError { get; init; }
}
