namespace ReaderKit.Sdk;

/// <summary>
/// The connection could not be made, or was lost while a call was in flight. A call that fails with this was not
/// retried (it may or may not have reached the host); <c>WaitForTapResultAsync</c> and the event stream resume on their
/// own after an automatic reconnect.
/// </summary>
public class ReaderKitConnectionException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitConnectionException()
        : this("The connection to the ReaderKit host is not available.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
