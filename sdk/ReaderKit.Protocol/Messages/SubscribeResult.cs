namespace ReaderKit.Protocol.Messages;

/// <summary><c>events.subscribe</c> result: <c>{topics[], seq}</c> — every topic now subscribed, and the last <c>seq</c> sent so far.</summary>
public sealed record SubscribeResult(IReadOnlyList<string> Topics, long Seq);
