namespace ReaderKit.Protocol.Messages;

/// <summary><c>tap.cancel</c> params: <c>{tapId}</c>.</summary>
public sealed record TapRef(string TapId);
