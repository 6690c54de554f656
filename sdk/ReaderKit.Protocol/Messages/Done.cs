namespace ReaderKit.Protocol.Messages;

/// <summary><c>{done}</c>: the result of <c>tap.cancel</c>, <c>reader.releaseLease</c> and <c>events.unsubscribe</c>; false when there was nothing to do.</summary>
public sealed record Done(bool Value);
