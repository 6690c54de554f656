namespace ReaderKit.Host.Status;

/// <summary>
/// What a running host reports about itself to <c>readerkit status</c> (through <see cref="HostStatusFile"/> until the
/// RPC server's <c>status</c> method serves the same record). Never carries personal data or secrets.
/// </summary>
public sealed record HostStatus
{
    public required string DeviceId { get; init; }

    /// <summary>The process id, so a stale file from a dead host can be recognised.</summary>
    public required int ProcessId { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When this snapshot was written; <c>status</c> calls a file older than <see cref="HostStatusFile.StaleAfter"/> stale.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The reader state machine's state, as a kebab-case word (<c>idle</c>, <c>reading</c>, …), or <c>not-wired</c>.</summary>
    public required string ReaderState { get; init; }

    /// <summary><c>online</c>, <c>offline</c> or <c>unknown</c>.</summary>
    public required string Mode { get; init; }

    /// <summary>Why the mode is what it is (the last change's reason), or null before any change.</summary>
    public string? ModeReason { get; init; }

    /// <summary>True when the UPS reports a power failure.</summary>
    public bool PowerFailed { get; init; }

    /// <summary>The status LED colour, as a word.</summary>
    public required string Indicator { get; init; }

    /// <summary>Whether simulation is configured.</summary>
    public bool Simulation { get; init; }

    /// <summary>Tap records in the journal.</summary>
    public long JournalRecords { get; init; }

    /// <summary>The newest record's id, verdict and start time, if any.</summary>
    public string? LastRecordId { get; init; }

    public string? LastVerdict { get; init; }

    public DateTimeOffset? LastRecordAt { get; init; }

    /// <summary>True when systemd's watchdog is armed for this process.</summary>
    public bool Watchdog { get; init; }

    /// <summary>Faults the operator must act on (empty when healthy).</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];
}
