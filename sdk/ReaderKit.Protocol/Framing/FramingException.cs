namespace ReaderKit.Protocol.Framing;

/// <summary>The inbound stream broke a framing limit; the connection must be closed. The message never holds payload bytes.</summary>
public sealed class FramingException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public FramingException()
        : this(FramingFailure.InvalidFormat, "Invalid inbound stream.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public FramingException(string message)
        : this(FramingFailure.InvalidFormat, message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public FramingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = FramingFailure.InvalidFormat;
    }

    /// <summary>Creates the exception for <paramref name="failure"/> with <paramref name="message"/>.</summary>
    public FramingException(FramingFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Which limit was broken.</summary>
    public FramingFailure Failure { get; }
}
