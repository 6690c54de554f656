using Org.BouncyCastle.X509;

namespace ReaderKit.Trust;

/// <summary>A JPKI root certificate with its anchor description (role, origin, test flag).</summary>
public sealed record JpkiRoot(X509Certificate Certificate, TrustAnchor Anchor);
