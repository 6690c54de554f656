namespace ReaderKit.Protocol.Messages;

/// <summary>Online/offline mode names (<c>reader.mode</c>, <c>reader.getStatus</c>, results).</summary>
public static class ReaderModes
{
    /// <summary>The online qualification check is reachable.</summary>
    public const string Online = "online";
    /// <summary>Outage: the reader verifies offline only.</summary>
    public const string Offline = "offline";
    /// <summary>Not probed (or no probe configured).</summary>
    public const string Unknown = "unknown";
}
