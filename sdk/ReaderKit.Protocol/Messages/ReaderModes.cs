namespace ReaderKit.Protocol.Messages;

/// <summary>Online/offline mode names (<c>reader.mode</c>, <c>reader.getStatus</c>, results).</summary>
public static class ReaderModes
{
    public const string Online = "online";
    public const string Offline = "offline";
    public const string Unknown = "unknown";
}
