namespace ReaderKit.Protocol.Messages;

/// <summary><c>journal.markReconciled</c> params: <c>{ids[]}</c> (at most 1 000).</summary>
public sealed record MarkReconciledRequest(IReadOnlyList<string> Ids);
