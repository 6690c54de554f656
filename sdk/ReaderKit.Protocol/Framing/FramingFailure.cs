namespace ReaderKit.Protocol.Framing;

/// <summary>Why an inbound byte stream was refused. Each closes the connection that sent it, and only that one.</summary>
public enum FramingFailure
{
    /// <summary>A message is (or claims to be) larger than the limit.</summary>
    TooLarge,

    /// <summary>Containers nest deeper than the limit.</summary>
    TooDeep,

    /// <summary>A byte that is not a MessagePack format code (0xc1).</summary>
    InvalidFormat,

    /// <summary>The stream ended in the middle of a message.</summary>
    Truncated,
}
