using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary><c>Cancelled</c> on the host's side (shutdown, another party). A call you cancel with your own token throws <see cref="OperationCanceledException"/> instead.</summary>
public sealed class ReaderKitCancelledException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitCancelledException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitCancelledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitCancelledException(RpcError error)
        : base(error)
    {
    }
}
