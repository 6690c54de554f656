using ReaderKit.Contracts;

namespace ReaderKit.Rpc;

/// <summary>
/// A failure the RPC layer answers with <c>{code, name, message, data}</c>. The message goes on the wire: one line,
/// no secret, no personal field, no exception type or stack trace.
/// </summary>
public sealed class ReaderServiceException : Exception
{
    public ReaderServiceException()
        : this(ErrorCode.InternalError, "Internal error.")
    {
    }

    public ReaderServiceException(string message)
        : this(ErrorCode.InternalError, message)
    {
    }

    public ReaderServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCode.InternalError;
    }

    public ReaderServiceException(ErrorCode code, string message, IReadOnlyDictionary<string, object?>? data = null)
        : base(message)
    {
        Code = code;
        Details = data;
    }

    /// <summary>The table code.</summary>
    public ErrorCode Code { get; }

    /// <summary>Machine-readable details for the error's <c>data</c> map (strings, integers, booleans, string lists).</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; }
}
