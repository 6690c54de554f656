using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Credential: <c>CredentialRejected</c>, <c>CredentialBlocked</c>, <c>RetryFloorReached</c>, <c>RetryCounterUnknown</c>, <c>CredentialOutcomeUnknown</c>.</summary>
public sealed class ReaderKitCredentialException : ReaderKitException
{
    public ReaderKitCredentialException()
    {
    }

    public ReaderKitCredentialException(string message)
        : base(message)
    {
    }

    public ReaderKitCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitCredentialException(RpcError error)
        : base(error)
    {
    }
}
