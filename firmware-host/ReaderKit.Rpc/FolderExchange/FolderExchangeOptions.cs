namespace ReaderKit.Rpc.FolderExchange;

/// <summary>Where the folder exchange reads requests and writes results, and what a result file may contain.</summary>
public sealed class FolderExchangeOptions
{
    /// <summary>Directory the integrator's software drops <c>*.json</c> tap requests into (write <c>x.json.tmp</c>, then rename). Keep it 0700/0770: a request holds 照合番号B.</summary>
    public required string InboxDirectory { get; init; }

    /// <summary>Directory results are written to (atomic rename; a reader never sees a half-written file).</summary>
    public required string OutboxDirectory { get; init; }

    /// <summary>Write <c>&lt;id&gt;.json</c>.</summary>
    public bool WriteJson { get; init; } = true;

    /// <summary>Write <c>&lt;id&gt;.xml</c> (ReaderKit's own schema <c>urn:readerkit:folder-exchange:1</c>; not the qualification system's format).</summary>
    public bool WriteXml { get; init; } = true;

    /// <summary>Personal fields a result file may carry (<c>PersonalField</c> names). Empty = none, whatever a request or RPC caller asked.</summary>
    public IReadOnlyList<string> AllowedFields { get; init; } = [];

    /// <summary>Also write a file for taps started by RPC clients (without personal fields unless allowed here).</summary>
    public bool WriteAllTaps { get; init; } = true;

    /// <summary>How often the inbox is scanned.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Mode of result files (default owner read/write, group read).</summary>
    public UnixFileMode OutboxFileMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;

    /// <summary>The holder name shown for the lease while a folder request runs.</summary>
    public string ClientName { get; init; } = "folder-exchange";
}
