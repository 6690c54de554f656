using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Session: <c>Unauthorized</c> (the connection is closed after it), <c>LeaseHeld</c> (<c>data.holder</c>), <c>RateLimited</c>.</summary>
public sealed class ReaderKitSessionException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitSessionException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitSessionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitSessionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitSessionException(RpcError error)
        : base(error)
    {
    }
}
