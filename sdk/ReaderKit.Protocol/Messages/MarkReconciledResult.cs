namespace ReaderKit.Protocol.Messages;

/// <summary><c>journal.markReconciled</c> result: <c>{marked}</c>, how many records changed.</summary>
public sealed record MarkReconciledResult(int Marked);
