namespace ReaderKit.Protocol.Messages;

/// <summary><c>journal.query</c> result: <c>{records[], nextCursor?}</c>.</summary>
public sealed record JournalPage(IReadOnlyList<JournalRecord> Records, string? NextCursor);
