using ReaderKit.Contracts;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Journal;

/// <summary>One journaled tap as read back (exports, <c>status</c>, paperwork). Personal fields are not here: see <see cref="TapJournal.ReadPersonalData"/>.</summary>
public sealed record JournalRecord
{
    public required JournalRecordId Id { get; init; }

    public required string DeviceId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required VerdictKind Verdict { get; init; }

    public required ErrorCode Error { get; init; }

    /// <summary>The stable error name at the time of writing.</summary>
    public required string ErrorName { get; init; }

    public required IReadOnlyList<CheckLine> Checks { get; init; }

    public required IReadOnlyDictionary<string, TimeSpan> Timings { get; init; }

    public required OperatingMode Mode { get; init; }

    public string? TrustAnchor { get; init; }

    public required IdentityMethod Identity { get; init; }

    public string? StaffOperatorId { get; init; }

    /// <summary>HMAC-SHA256 of the card identity under the device identity key (hex), or null.</summary>
    public string? CardHash { get; init; }

    /// <summary>True when encrypted personal fields are stored with the record.</summary>
    public required bool HasPersonalData { get; init; }

    /// <summary>When the record was marked reconciled, or null.</summary>
    public DateTimeOffset? ReconciledAt { get; init; }

    /// <summary>The reconciliation reference staff gave (e.g. the later online check's id), or null.</summary>
    public string? ReconciliationReference { get; init; }
}
