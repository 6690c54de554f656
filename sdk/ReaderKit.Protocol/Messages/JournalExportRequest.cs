namespace ReaderKit.Protocol.Messages;

/// <summary><c>journal.export</c> params: <c>{format, sinceMs?, offlineOnly?, cursor?, maxBytes?}</c>; format is <c>jsonl</c> or <c>csv</c>.</summary>
public sealed record JournalExportRequest(string Format)
{
    /// <summary>Only records at or after this time (Unix ms).</summary>
    public long? SinceMs { get; init; }

    /// <summary>Only records made in offline mode.</summary>
    public bool OfflineOnly { get; init; }

    /// <summary>Where the previous chunk ended (its <c>nextCursor</c>).</summary>
    public string? Cursor { get; init; }

    /// <summary>Largest chunk, 1 KiB–1 MiB (default 32 KiB).</summary>
    public int MaxBytes { get; init; } = 32 * 1024;
}
