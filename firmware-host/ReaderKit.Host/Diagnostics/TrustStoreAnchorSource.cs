using ReaderKit.Trust;

namespace ReaderKit.Host.Diagnostics;

/// <summary>
/// The trust library's store as doctor sees it: CVC issuer keys (no dates of their own; they decide genuineness) and
/// JPKI roots (certificate validity; advisory, since the trust library only warns on the JPKI chain).
/// </summary>
public sealed class TrustStoreAnchorSource(TrustStore store) : ITrustAnchorSource
{
    /// <inheritdoc />
    public IReadOnlyList<TrustAnchorInfo> Anchors() =>
    [
        .. store.IssuerKeys.Select(k => new TrustAnchorInfo(k.Anchor.Describe(), null, k.Anchor.IsTestAnchor)),
        .. store.JpkiRoots.Select(r => new TrustAnchorInfo(r.Anchor.Describe(), new DateTimeOffset(DateTime.SpecifyKind(r.Certificate.NotAfter, DateTimeKind.Utc)), r.Anchor.IsTestAnchor, Advisory: true)),
    ];
}
