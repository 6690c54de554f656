using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Card: <c>CardNotPresent</c>, <c>CardRemoved</c>, <c>CardNotSupported</c>, <c>CardDataMalformed</c>.</summary>
public sealed class ReaderKitCardException : ReaderKitException
{
    public ReaderKitCardException()
    {
    }

    public ReaderKitCardException(string message)
        : base(message)
    {
    }

    public ReaderKitCardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitCardException(RpcError error)
        : base(error)
    {
    }
}
