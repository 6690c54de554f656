using ReaderKit.Card.Records;

namespace ReaderKit.Card.Aps;

/// <summary>
/// What one JPKI user-authentication exchange read: the token, the user-authentication certificate, the fresh nonce the
/// reader chose and the carrier's signature over it. Holds no PIN. Judged by <c>ReaderKit.Trust</c> (chain, validity,
/// signature).
/// </summary>
/// <param name="Token">EF 0006: the label and the carrier it names.</param>
/// <param name="AuthCertificate">EF 000A, the X.509 DER object (filler cut).</param>
/// <param name="Nonce">The random challenge (32 bytes, never reused).</param>
/// <param name="Signature">The answer of <c>80 2A 00 80</c> over DigestInfo(SHA-256(<paramref name="Nonce"/>)).</param>
/// <param name="RemainingTriesBeforeVerify">The auth-PIN counter before the one VERIFY; null when the key was already verified.</param>
public sealed record JpkiAuthenticationEvidence(
    JpkiTokenInfo Token,
    byte[] AuthCertificate,
    byte[] Nonce,
    byte[] Signature,
    int? RemainingTriesBeforeVerify);
