namespace ReaderKit.Protocol.Messages;

/// <summary><c>journal.query</c> params: <c>{sinceMs?, untilMs?, offlineOnly?, reconciled?, limit?, cursor?}</c>.</summary>
public sealed record JournalQuery
{
    /// <summary>Only records at or after this time (Unix ms).</summary>
    public long? SinceMs { get; init; }

    /// <summary>Only records before this time (Unix ms).</summary>
    public long? UntilMs { get; init; }

    /// <summary>Only records made in offline mode.</summary>
    public bool OfflineOnly { get; init; }

    /// <summary>Only reconciled (true) or unreconciled (false) records; null = both.</summary>
    public bool? Reconciled { get; init; }

    /// <summary>Records per page, 1–500.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}
