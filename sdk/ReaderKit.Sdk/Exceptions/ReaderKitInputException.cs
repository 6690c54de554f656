using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Input and configuration: <c>InvalidInput</c>, <c>TrustStoreInvalid</c>, <c>ConfigurationInvalid</c>.</summary>
public sealed class ReaderKitInputException : ReaderKitException
{
    public ReaderKitInputException()
    {
    }

    public ReaderKitInputException(string message)
        : base(message)
    {
    }

    public ReaderKitInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitInputException(RpcError error)
        : base(error)
    {
    }
}
