namespace ReaderKit.Protocol.Messages;

/// <summary><c>reader.releaseLease</c> params: <c>{leaseId}</c>.</summary>
public sealed record LeaseReleaseRequest(string LeaseId);
