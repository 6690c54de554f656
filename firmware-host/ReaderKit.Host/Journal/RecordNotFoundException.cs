using ReaderKit.Contracts;

namespace ReaderKit.Host.Journal;

/// <summary>No journal record has the id asked for (<see cref="ErrorCode.RecordNotFound"/>).</summary>
public sealed class RecordNotFoundException : Exception
{
    public RecordNotFoundException(JournalRecordId id)
        : base($"No journal record {id}.")
    {
        Id = id;
    }

    public RecordNotFoundException()
    {
    }

    public RecordNotFoundException(string message)
        : base(message)
    {
    }

    public RecordNotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The id asked for.</summary>
    public JournalRecordId Id { get; }

    /// <summary>Always <see cref="ErrorCode.RecordNotFound"/>.</summary>
    public ErrorCode Code => ErrorCode.RecordNotFound;
}
