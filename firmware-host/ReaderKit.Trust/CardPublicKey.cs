using ReaderKit.Card;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Trust;


/// <summary>
/// A public key as the card encodes it, together with its signature scheme. One interface for both
/// generations: RSA-2048 PKCS#1 v1.5 / SHA-256 (current card) and ECDSA P-384 / SHA-384 with raw r‖s
/// signatures (next-generation card; layout assumed, see README).
/// </summary>
public abstract class CardPublicKey
{
    /// <summary>Scheme name for reports, e.g. "RSA-2048 PKCS#1 v1.5 / SHA-256".</summary>
    public abstract string SchemeName { get; }

    /// <summary>Digest length of the scheme's hash (32 or 48).</summary>
    public abstract int DigestLength { get; }

    /// <summary>The scheme's hash of <paramref name="data"/>.</summary>
    public abstract byte[] Digest(ReadOnlySpan<byte> data);

    /// <summary>Hash-then-verify of an ordinary signature over <paramref name="message"/>.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);

    /// <summary>
    /// Verifies the card-face DF28 over the three group digests. RSA: the signature block must equal a SHA-256
    /// DigestInfo whose OCTET STRING holds the 96 digest bytes; the recovered block also tells which group
    /// differs. ECDSA: signature over SHA-384(d1‖d2‖d3) (no group detail possible).
    /// </summary>
    public abstract CardFaceSignatureResult VerifyCardFace(ReadOnlySpan<byte> concatenatedDigests, ReadOnlySpan<byte> signature);

    /// <summary>The <c>80 2A 00 00</c> command data for a challenge nonce (RSA: SHA-256 DigestInfo; EC: SHA-384 hash).</summary>
    public abstract byte[] ChallengeCommandData(ReadOnlySpan<byte> nonce);

    /// <summary>Checks the chip's answer to <see cref="ChallengeCommandData"/>.</summary>
    public bool VerifyChallenge(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> signature) => Verify(nonce, signature);

    /// <summary>
    /// Parses the card's key encoding: <c>90 len e 91 len n</c> (RSA) or <c>86 61 04 X Y</c> (EC P-384), the whole
    /// span and nothing else.
    /// </summary>
    /// <exception cref="CardDataFormatException">Unknown or malformed encoding.</exception>
    public static CardPublicKey Parse(ReadOnlySpan<byte> encoded)
    {
        var items = BerTlvReader.ReadSequence(encoded, 0, encoded.Length);
        if (items.Count == 1 && items[0].Tag == 0x86)
        {
            return EcP384CardPublicKey.FromPoint(items[0].Value(encoded));
        }

        if (items.Count == 2 && items[0].Tag == 0x90 && items[1].Tag == 0x91)
        {
            return RsaCardPublicKey.Create(items[1].Value(encoded), items[0].Value(encoded));
        }

        throw new CardDataFormatException($"card key: expected 90/91 (RSA) or 86 (EC) objects, got {string.Join(" ", items.Select(i => i.Tag.ToString("X", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    /// <summary>The key in the card's encoding (what <see cref="Parse"/> reads).</summary>
    public abstract byte[] Encode();
}
