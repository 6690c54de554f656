using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Crypto;

/// <summary>A CVC signing key with its 16-byte J-LIS key id.</summary>
public sealed record CvcAuthority(byte[] KeyId, CardSigningKey Key)
{
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
    public override string ToString() => $"CvcAuthority {CvcKeyId.Describe(KeyId)} ({Key.Algorithm})";
}
