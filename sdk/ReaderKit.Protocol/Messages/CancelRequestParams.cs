namespace ReaderKit.Protocol.Messages;

/// <summary>The <c>$/cancel</c> notification's params: <c>{id}</c>, the msgid of the request to cancel.</summary>
public sealed record CancelRequestParams(uint Id);
