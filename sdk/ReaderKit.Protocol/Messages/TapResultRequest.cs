namespace ReaderKit.Protocol.Messages;

/// <summary><c>tap.getResult</c> params: <c>{tapId, waitMs?}</c>; <c>waitMs</c> (≤ 30 000) waits for a running tap to finish.</summary>
public sealed record TapResultRequest(string TapId, int WaitMs = 0);
