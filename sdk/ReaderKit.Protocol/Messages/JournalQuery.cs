namespace ReaderKit.Protocol.Messages;

/// <summary><c>journal.query</c> params: <c>{sinceMs?, untilMs?, offlineOnly?, reconciled?, limit?, cursor?}</c>.</summary>
public sealed record JournalQuery
{
    public long? SinceMs { get; init; }

    public long? UntilMs { get; init; }

    public bool OfflineOnly { get; init; }

    /// <summary>Only reconciled (true) or unreconciled (false) records; null = both.</summary>
    public bool? Reconciled { get; init; }

    /// <summary>Records per page, 1–500.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>The <c>nextCursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }
}
