using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Reader: <c>ReaderUnavailable</c>, <c>ReaderTimeout</c>, <c>ReaderProtocolError</c>, <c>ReaderBusy</c>, <c>TapDeadlineExceeded</c>.</summary>
public sealed class ReaderKitReaderException : ReaderKitException
{
    public ReaderKitReaderException()
    {
    }

    public ReaderKitReaderException(string message)
        : base(message)
    {
    }

    public ReaderKitReaderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitReaderException(RpcError error)
        : base(error)
    {
    }
}
