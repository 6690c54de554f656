using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Reader: <c>ReaderUnavailable</c>, <c>ReaderTimeout</c>, <c>ReaderProtocolError</c>, <c>ReaderBusy</c>, <c>TapDeadlineExceeded</c>.</summary>
public sealed class ReaderKitReaderException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitReaderException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitReaderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitReaderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitReaderException(RpcError error)
        : base(error)
    {
    }
}
