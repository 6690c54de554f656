using ReaderKit.Contracts;
using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>
/// An error answered by the ReaderKit host: <c>{code, name, message, data}</c>. Subclasses group the names by family
/// (<see cref="ErrorCategory"/>): catch a family (e.g. <see cref="ReaderKitSessionException"/>) or switch on
/// <see cref="Code"/>. A name this SDK version does not know arrives as this base class with its number intact.
/// </summary>
public class ReaderKitException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitException()
        : this(new RpcError((int)ErrorCode.InternalError, nameof(ErrorCode.InternalError), "Unknown error."))
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitException(string message)
        : this(new RpcError((int)ErrorCode.InternalError, nameof(ErrorCode.InternalError), message))
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new RpcError((int)ErrorCode.InternalError, nameof(ErrorCode.InternalError), message);
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitException(RpcError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Name + ": " + error.Message)
    {
        Error = error;
    }

    /// <summary>The error object as received.</summary>
    public RpcError Error { get; }

    /// <summary>The code (a number unknown to this version stays as is).</summary>
    public ErrorCode Code => (ErrorCode)Error.Code;

    /// <summary>The stable name, e.g. <c>LeaseHeld</c>.</summary>
    public string Name => Error.Name;

    /// <summary>Machine-readable details (<c>data</c>), e.g. <c>holder</c> for <c>LeaseHeld</c>.</summary>
    public IReadOnlyDictionary<string, object?> Details => Error.Data ?? new Dictionary<string, object?>();

    /// <summary>The family of the code.</summary>
    public ErrorCategory Category => ErrorCodes.Info(Code).Category;

    /// <summary>True when simply trying again may succeed (table hint).</summary>
    public bool Retryable => ErrorCodes.Info(Code).Retryable;

    /// <summary>The exception type for an error object: one class per family.</summary>
    public static ReaderKitException From(RpcError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = ErrorCodes.TryParse(error.Name, out var named) ? named : (ErrorCode)error.Code;
        return ErrorCodes.Info(code).Category switch
        {
            ErrorCategory.Card => new ReaderKitCardException(error),
            ErrorCategory.Credential => new ReaderKitCredentialException(error),
            ErrorCategory.Authenticity => new ReaderKitAuthenticityException(error),
            ErrorCategory.Reader => new ReaderKitReaderException(error),
            ErrorCategory.Face or ErrorCategory.Camera => new ReaderKitFaceException(error),
            ErrorCategory.Session => new ReaderKitSessionException(error),
            ErrorCategory.Input => new ReaderKitInputException(error),
            ErrorCategory.Storage => new ReaderKitStorageException(error),
            ErrorCategory.Protocol => new ReaderKitProtocolException(error),
            ErrorCategory.Cancelled => new ReaderKitCancelledException(error),
            _ => new ReaderKitException(error),
        };
    }
}
