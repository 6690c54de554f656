namespace ReaderKit.Host.Configuration;

/// <summary><c>Rpc:FolderExchange</c>: tap requests from an inbox, every result into an outbox (ReaderKit's own format, <c>sdk/PROTOCOL.md</c> section 13).</summary>
public sealed class FolderExchangeSettings
{
    /// <summary>The inbox directory (keep it 0700/0770: a request holds 照合番号B until it is claimed); empty = no folder exchange.</summary>
    public string Inbox { get; set; } = "";

    /// <summary>The outbox directory; empty = no folder exchange.</summary>
    public string Outbox { get; set; } = "";

    /// <summary>Personal fields a result file may carry (a subset of <c>Rpc:ReleaseFields</c>); empty = none.</summary>
    public IList<string> AllowedFields { get; } = [];

    /// <summary>Write <c>&lt;id&gt;.json</c>.</summary>
    public bool WriteJson { get; set; } = true;

    /// <summary>Write <c>&lt;id&gt;.xml</c>.</summary>
    public bool WriteXml { get; set; } = true;

    /// <summary>Also write a file for taps started by RPC clients.</summary>
    public bool WriteAllTaps { get; set; } = true;

    /// <summary>How often the inbox is scanned (100 ms – 1 min).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>True when both folders are set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Inbox) && !string.IsNullOrWhiteSpace(Outbox);
}
