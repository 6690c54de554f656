using ReaderKit.Contracts;

namespace ReaderKit.Host.Journal;

/// <summary>The journal cannot be opened or written (<see cref="ErrorCode.JournalUnavailable"/>). The message names the file and the cause, never record content.</summary>
public sealed class JournalUnavailableException : Exception
{
    public JournalUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public JournalUnavailableException()
        : this("The journal is unavailable.")
    {
    }

    public JournalUnavailableException(string message)
        : this(message, null)
    {
    }

    /// <summary>Always <see cref="ErrorCode.JournalUnavailable"/>.</summary>
    public ErrorCode Code => ErrorCode.JournalUnavailable;
}
