namespace ReaderKit.Protocol.Messages;

/// <summary><c>reader.acquireLease</c> params: <c>{ttlMs?, leaseId?}</c>; pass your <c>leaseId</c> to renew or re-attach after a reconnect.</summary>
public sealed record LeaseRequest(int? TtlMs = null, string? LeaseId = null);
