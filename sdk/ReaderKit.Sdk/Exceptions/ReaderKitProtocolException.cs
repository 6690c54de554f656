using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Protocol: <c>HelloRequired</c>, <c>UnsupportedProtocol</c> (<c>data.supported</c>), <c>ParseError</c>, <c>InvalidRequest</c>, <c>MethodNotFound</c>, <c>InvalidParams</c>.</summary>
public sealed class ReaderKitProtocolException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitProtocolException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitProtocolException(RpcError error)
        : base(error)
    {
    }
}
