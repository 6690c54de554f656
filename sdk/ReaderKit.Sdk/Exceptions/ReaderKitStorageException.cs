using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Storage: <c>JournalUnavailable</c>, <c>RecordNotFound</c>.</summary>
public sealed class ReaderKitStorageException : ReaderKitException
{
    public ReaderKitStorageException()
    {
    }

    public ReaderKitStorageException(string message)
        : base(message)
    {
    }

    public ReaderKitStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitStorageException(RpcError error)
        : base(error)
    {
    }
}
