namespace ReaderKit.Protocol.Messages;

/// <summary><c>reader.acquireLease</c> result: <c>{leaseId, holder, expiresAtMs}</c>.</summary>
public sealed record LeaseGrant(string LeaseId, string Holder, long ExpiresAtMs);
