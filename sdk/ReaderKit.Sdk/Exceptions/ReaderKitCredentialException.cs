using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Credential: <c>CredentialRejected</c>, <c>CredentialBlocked</c>, <c>RetryFloorReached</c>, <c>RetryCounterUnknown</c>, <c>CredentialOutcomeUnknown</c>.</summary>
public sealed class ReaderKitCredentialException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitCredentialException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitCredentialException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitCredentialException(RpcError error)
        : base(error)
    {
    }
}
