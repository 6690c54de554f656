using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary><c>Cancelled</c> on the host's side (shutdown, another party). A call you cancel with your own token throws <see cref="OperationCanceledException"/> instead.</summary>
public sealed class ReaderKitCancelledException : ReaderKitException
{
    public ReaderKitCancelledException()
    {
    }

    public ReaderKitCancelledException(string message)
        : base(message)
    {
    }

    public ReaderKitCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitCancelledException(RpcError error)
        : base(error)
    {
    }
}
