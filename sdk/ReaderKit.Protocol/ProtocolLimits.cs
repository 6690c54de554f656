namespace ReaderKit.Protocol;

/// <summary>Size and shape limits of ReaderKit RPC v1. Servers advertise theirs in the <c>session.hello</c> reply.</summary>
public static class ProtocolLimits
{
    /// <summary>
    /// Largest inbound message (bytes) a server accepts by default. A message still incomplete past this size closes the
    /// connection: unframed MessagePack needs a cap per incomplete message, or one request can grow the host's memory.
    /// </summary>
    public const int DefaultMaxMessageBytes = 64 * 1024;

    /// <summary>Largest message a client accepts by default (results carry the chip photo: a few tens of KiB).</summary>
    public const int DefaultClientMaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>Deepest container nesting (arrays and maps) accepted in one message; the envelope itself uses three levels.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>Longest accepted string for identifiers (method names, tap ids, lease ids, topics).</summary>
    public const int MaxIdentifierLength = 128;
}
