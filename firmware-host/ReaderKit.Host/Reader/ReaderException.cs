using ReaderKit.Contracts;

namespace ReaderKit.Host.Reader;

/// <summary>A request to the reader was refused: <see cref="ErrorCode.LeaseHeld"/>, <see cref="ErrorCode.ReaderBusy"/>, <see cref="ErrorCode.Unauthorized"/> (no or lapsed lease) or <see cref="ErrorCode.InvalidInput"/>.</summary>
public sealed class ReaderException : Exception
{
    public ReaderException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public ReaderException()
    {
    }

    public ReaderException(string message)
        : base(message)
    {
    }

    public ReaderException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The error code to report.</summary>
    public ErrorCode Code { get; } = ErrorCode.InternalError;
}
