using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Authenticity: <c>NotGenuine</c>, <c>Expired</c>.</summary>
public sealed class ReaderKitAuthenticityException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitAuthenticityException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitAuthenticityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitAuthenticityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitAuthenticityException(RpcError error)
        : base(error)
    {
    }
}
