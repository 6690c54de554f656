using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Authenticity: <c>NotGenuine</c>, <c>Expired</c>.</summary>
public sealed class ReaderKitAuthenticityException : ReaderKitException
{
    public ReaderKitAuthenticityException()
    {
    }

    public ReaderKitAuthenticityException(string message)
        : base(message)
    {
    }

    public ReaderKitAuthenticityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitAuthenticityException(RpcError error)
        : base(error)
    {
    }
}
