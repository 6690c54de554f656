namespace ReaderKit.Protocol.Messages;

/// <summary><c>trust.getInfo</c> result: <c>{source, anchors[], testAnchorsAllowed}</c>.</summary>
public sealed record TrustInfo(string Source, IReadOnlyList<TrustAnchorInfo> Anchors, bool TestAnchorsAllowed);
