using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Storage: <c>JournalUnavailable</c>, <c>RecordNotFound</c>.</summary>
public sealed class ReaderKitStorageException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitStorageException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitStorageException(RpcError error)
        : base(error)
    {
    }
}
