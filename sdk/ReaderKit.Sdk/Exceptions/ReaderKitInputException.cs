using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Input and configuration: <c>InvalidInput</c>, <c>TrustStoreInvalid</c>, <c>ConfigurationInvalid</c>.</summary>
public sealed class ReaderKitInputException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitInputException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitInputException(RpcError error)
        : base(error)
    {
    }
}
