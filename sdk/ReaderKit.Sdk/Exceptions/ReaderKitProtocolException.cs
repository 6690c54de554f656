using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Protocol: <c>HelloRequired</c>, <c>UnsupportedProtocol</c> (<c>data.supported</c>), <c>ParseError</c>, <c>InvalidRequest</c>, <c>MethodNotFound</c>, <c>InvalidParams</c>.</summary>
public sealed class ReaderKitProtocolException : ReaderKitException
{
    public ReaderKitProtocolException()
    {
    }

    public ReaderKitProtocolException(string message)
        : base(message)
    {
    }

    public ReaderKitProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitProtocolException(RpcError error)
        : base(error)
    {
    }
}
