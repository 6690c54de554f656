namespace ReaderKit.Protocol.Framing;

/// <summary>The inbound stream broke a framing limit; the connection must be closed. The message never holds payload bytes.</summary>
public sealed class FramingException : Exception
{
    public FramingException()
        : this(FramingFailure.InvalidFormat, "Invalid inbound stream.")
    {
    }

    public FramingException(string message)
        : this(FramingFailure.InvalidFormat, message)
    {
    }

    public FramingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = FramingFailure.InvalidFormat;
    }

    public FramingException(FramingFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Which limit was broken.</summary>
    public FramingFailure Failure { get; }
}
