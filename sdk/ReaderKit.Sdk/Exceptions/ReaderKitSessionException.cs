using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Session: <c>Unauthorized</c> (the connection is closed after it), <c>LeaseHeld</c> (<c>data.holder</c>), <c>RateLimited</c>.</summary>
public sealed class ReaderKitSessionException : ReaderKitException
{
    public ReaderKitSessionException()
    {
    }

    public ReaderKitSessionException(string message)
        : base(message)
    {
    }

    public ReaderKitSessionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitSessionException(RpcError error)
        : base(error)
    {
    }
}
