using ReaderKit.Contracts;

namespace ReaderKit.Protocol;

/// <summary>
/// A well-formed MessagePack message that is not a valid ReaderKit RPC message (wrong envelope, missing or mistyped
/// key). <see cref="Code"/> says which error to answer with. The message names the key, never its value.
/// </summary>
public sealed class RpcFormatException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RpcFormatException()
        : this(ErrorCode.InvalidRequest, "Invalid message.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public RpcFormatException(string message)
        : this(ErrorCode.InvalidParams, message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public RpcFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCode.InvalidParams;
    }

    /// <summary>Creates the exception answering <paramref name="code"/> with <paramref name="message"/>.</summary>
    public RpcFormatException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception answering <paramref name="code"/> with <paramref name="message"/> and its cause.</summary>
    public RpcFormatException(ErrorCode code, string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary><see cref="ErrorCode.InvalidRequest"/> for a broken envelope, <see cref="ErrorCode.InvalidParams"/> for broken parameters.</summary>
    public ErrorCode Code { get; }
}
