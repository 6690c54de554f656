using System.Security.Authentication;
using ReaderKit.Contracts;
using ReaderKit.Sdk;

namespace ReaderKit.Native;

/// <summary>
/// Error codes as C sees them, and the thread-local last error. A C return code is the <see cref="ErrorCode"/> table
/// number made negative (<c>RK_E_CARD_REMOVED</c> = −1002); the table's protocol codes are negative already and keep
/// their number (<c>RK_E_CANCELLED</c> = −32800). 0 is success; no error code is positive.
/// </summary>
internal static class NativeError
{
    [ThreadStatic]
    private static int _lastCode;

    [ThreadStatic]
    private static string? _lastMessage;

    /// <summary>The C code of a table entry.</summary>
    public static int ToNative(ErrorCode code) => (int)code > 0 ? -(int)code : (int)code;

    /// <summary>The table entry of a C code (the inverse of <see cref="ToNative"/>); a code no table row has stays as it is.</summary>
    public static ErrorCode FromNative(int code)
    {
        if (code >= 0)
        {
            return (ErrorCode)code;
        }

        var positive = (ErrorCode)(-(long)code);
        return (long)code > int.MinValue && ErrorCodes.TryParse(ErrorCodes.NameOf(positive), out _) ? positive : (ErrorCode)code;
    }

    /// <summary>The last error code set on this thread (0 after a successful call).</summary>
    public static int LastCode => _lastCode;

    /// <summary>The last error message set on this thread ("" after a successful call).</summary>
    public static string LastMessage => _lastMessage ?? string.Empty;

    /// <summary>Clears the thread's last error and returns 0.</summary>
    public static int Ok()
    {
        _lastCode = 0;
        _lastMessage = null;
        return 0;
    }

    /// <summary>Sets the thread's last error and returns its C code.</summary>
    public static int Set(ErrorCode code, string message)
    {
        _lastCode = ToNative(code);
        _lastMessage = message;
        return _lastCode;
    }

    /// <summary>Maps an exception to a table code (and sets the last error); nothing of it ever crosses into C.</summary>
    /// <param name="e">The failure.</param>
    /// <param name="connecting">True while connecting: a connection failure then means the host is unreachable.</param>
    public static int From(Exception e, bool connecting = false)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        return inner switch
        {
            InvalidHandleException => Set(ErrorCode.InvalidHandle, inner.Message),
            ReaderKitException rk => Set(rk.Code, rk.Name + ": " + rk.Error.Message),
            CertificatePinMismatchException => Set(ErrorCode.CertificatePinMismatch, inner.Message),
            ReaderKitConnectionException { InnerException: AuthenticationException } => Set(ErrorCode.HostUnreachable, "TLS handshake failed: " + inner.Message),
            ReaderKitConnectionException => Set(connecting ? ErrorCode.HostUnreachable : ErrorCode.ConnectionLost, inner.Message),
            ObjectDisposedException => Set(ErrorCode.ConnectionLost, "The connection is closed."),
            TimeoutException => Set(ErrorCode.WaitTimedOut, "The call timed out."),
            OperationCanceledException when connecting => Set(ErrorCode.HostUnreachable, "Connecting to the ReaderKit host timed out."),
            OperationCanceledException => Set(ErrorCode.Cancelled, "The call was cancelled."),
            ArgumentException or FormatException => Set(ErrorCode.InvalidInput, inner.Message),
            _ => Set(ErrorCode.InternalError, "Unexpected error in libreaderkit (" + inner.GetType().Name + ")."),
        };
    }
}
