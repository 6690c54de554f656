namespace ReaderKit.Protocol.Messages;

/// <summary>One trust anchor: <c>{keyId, role, notAfter?, test}</c>.</summary>
public sealed record TrustAnchorInfo(string KeyId, string Role, string? NotAfter, bool Test);
