namespace ReaderKit.Protocol.Messages;

/// <summary><c>tap.start</c> result: <c>{tapId, leaseId?}</c>.</summary>
public sealed record TapStarted(string TapId, string? LeaseId = null);
