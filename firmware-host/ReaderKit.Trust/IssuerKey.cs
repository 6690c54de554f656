namespace ReaderKit.Trust;

/// <summary>A CVC trust anchor: the anchor description (key id, role, origin, test flag) and its public key.</summary>
public sealed class IssuerKey
{
    public IssuerKey(byte[] keyId, CardPublicKey publicKey, TrustAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (keyId.Length != CardVerifiableCertificate.KeyIdLength)
        {
            throw new ArgumentException($"A 証明者鍵ID is {CardVerifiableCertificate.KeyIdLength} bytes.", nameof(keyId));
        }

        KeyId = (byte[])keyId.Clone();
        PublicKey = publicKey ?? throw new ArgumentNullException(nameof(publicKey));
        Anchor = anchor ?? throw new ArgumentNullException(nameof(anchor));
    }

    /// <summary>The 16-byte 証明者鍵ID this key answers to (all 16 bytes compare, padding included).</summary>
    public ReadOnlyMemory<byte> KeyId { get; }

    public CardPublicKey PublicKey { get; }

    public TrustAnchor Anchor { get; }

    /// <summary>Readable key id, e.g. <c>5000023/001</c>.</summary>
    public string Describe() => Anchor.Name;
}
