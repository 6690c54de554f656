using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Card: <c>CardNotPresent</c>, <c>CardRemoved</c>, <c>CardNotSupported</c>, <c>CardDataMalformed</c>.</summary>
public sealed class ReaderKitCardException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitCardException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitCardException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitCardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitCardException(RpcError error)
        : base(error)
    {
    }
}
