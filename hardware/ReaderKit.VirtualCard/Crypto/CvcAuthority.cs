using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Crypto;

/// <summary>A CVC signing key with its 16-byte J-LIS key id and its role in the test hierarchy.</summary>
public sealed record CvcAuthority(byte[] KeyId, CardSigningKey Key, CvcAuthorityRole Role)
{
    /// <summary>True for the three trust anchors (what a verifier's trust store holds).</summary>
    public bool IsAnchor => Role is CvcAuthorityRole.MfChainAnchor or CvcAuthorityRole.SurfaceApAnchor or CvcAuthorityRole.TextApAnchor;

    /// <summary>The trust-file role of an anchor: <c>mf-chain</c>, <c>surface-ap</c> or <c>text-ap</c> (null for issuers).</summary>
    public string? TrustFileRole => Role switch
    {
        CvcAuthorityRole.MfChainAnchor => "mf-chain",
        CvcAuthorityRole.SurfaceApAnchor => "surface-ap",
        CvcAuthorityRole.TextApAnchor => "text-ap",
        _ => null,
    };

    /// <summary>
    /// Issues a J-LIS card-verifiable certificate: <c>7F21 { 5F4E body, 5F37 signature }</c> with
    /// body = issuer key id ‖ subject key id ‖ subject public-key field (297 bytes for RSA-2048), signed over
    /// exactly the body bytes (RSASSA-PKCS1-v1_5/SHA-256, or ECDSA/SHA-384 r‖s for the next generation).
    /// </summary>
    public byte[] IssueCvc(byte[] subjectKeyId, CardSigningKey subjectKey)
    {
        ArgumentNullException.ThrowIfNull(subjectKeyId);
        ArgumentNullException.ThrowIfNull(subjectKey);
        var body = Tlv.Concat(KeyId, subjectKeyId, subjectKey.EncodePublicKeyField());
        var signature = Key.SignMessage(body);
        return Tlv.Constructed(0x7F21, Tlv.Encode(0x5F4E, body), Tlv.Encode(0x5F37, signature));
    }

    /// <inheritdoc/>
    public override string ToString() => $"CvcAuthority {CvcKeyId.Describe(KeyId)} ({Role}, {Key.Algorithm})";
}
