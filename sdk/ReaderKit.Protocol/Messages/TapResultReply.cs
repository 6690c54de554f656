namespace ReaderKit.Protocol.Messages;

/// <summary><c>tap.getResult</c> result: <c>{tapId, state, result?}</c>; <c>result</c> is present once <c>state</c> is <c>done</c>.</summary>
public sealed record TapResultReply(string TapId, string State, TapResult? Result);
