namespace ReaderKit.Protocol.Messages;

/// <summary><c>events.subscribe</c> / <c>events.unsubscribe</c> params: <c>{topics[]}</c> (names, <c>family.*</c> or <c>*</c>).</summary>
public sealed record SubscribeRequest(IReadOnlyList<string> Topics);
