namespace ReaderKit.Protocol.Messages;

/// <summary><c>journal.export</c> result: <c>{data (bin, UTF-8 text), nextCursor?, done}</c>; call again with <c>nextCursor</c> until <c>done</c>.</summary>
public sealed record JournalExportChunk(byte[] Data, string? NextCursor, bool Done);
