using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
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

/// <summary>Outcome of the card-face DF28 check.</summary>
/// <param name="Valid">The signature verifies.</param>
/// <param name="MismatchedGroups">1-based groups whose digest differs from the signed one, when the scheme can tell (RSA); else empty.</param>
public sealed record CardFaceSignatureResult(bool Valid, IReadOnlyList<int> MismatchedGroups);

/// <summary>RSA public key, PKCS#1 v1.5 with SHA-256.</summary>
public sealed class RsaCardPublicKey : CardPublicKey
{
    private static readonly byte[] Sha256DigestInfoPrefix96 = [0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60];
    private static readonly byte[] Sha256DigestInfoPrefix = [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

    private RsaCardPublicKey(byte[] modulus, byte[] exponent)
    {
        Modulus = modulus;
        Exponent = exponent;
        Parameters = new RsaKeyParameters(false, new BigInteger(1, modulus), new BigInteger(1, exponent));
    }

    public byte[] Modulus { get; }

    public byte[] Exponent { get; }

    public RsaKeyParameters Parameters { get; }

    public override string SchemeName => $"RSA-{Parameters.Modulus.BitLength} PKCS#1 v1.5 / SHA-256";

    public override int DigestLength => 32;

    /// <summary>Creates a key from big-endian modulus and exponent (2048–4096-bit modulus, odd exponent ≥ 3).</summary>
    public static RsaCardPublicKey Create(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent)
    {
        var n = new BigInteger(1, modulus.ToArray());
        var e = new BigInteger(1, exponent.ToArray());
        if (n.BitLength is < 2048 or > 4096)
        {
            throw new CardDataFormatException($"RSA key: {n.BitLength}-bit modulus (expected 2048-4096)");
        }

        if (!e.TestBit(0) || e.BitLength < 2)
        {
            throw new CardDataFormatException("RSA key: exponent must be odd and at least 3");
        }

        return new RsaCardPublicKey(n.ToByteArrayUnsigned(), e.ToByteArrayUnsigned());
    }

    public override byte[] Digest(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public override bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var signer = new RsaDigestSigner(new Sha256Digest());
        signer.Init(false, Parameters);
        signer.BlockUpdate(message);
        return signer.VerifySignature(signature.ToArray());
    }

    public override CardFaceSignatureResult VerifyCardFace(ReadOnlySpan<byte> concatenatedDigests, ReadOnlySpan<byte> signature)
    {
        if (concatenatedDigests.Length != 96)
        {
            throw new ArgumentException("Three SHA-256 digests (96 bytes) expected.", nameof(concatenatedDigests));
        }

        var recovered = Recover(signature);
        if (recovered is null || recovered.Length != Sha256DigestInfoPrefix96.Length + 96 || !recovered.AsSpan().StartsWith(Sha256DigestInfoPrefix96))
        {
            return new CardFaceSignatureResult(false, []);
        }

        var signed = recovered.AsSpan(Sha256DigestInfoPrefix96.Length);
        var mismatched = new List<int>();
        for (var g = 0; g < 3; g++)
        {
            if (!CryptographicOperations.FixedTimeEquals(signed.Slice(g * 32, 32), concatenatedDigests.Slice(g * 32, 32)))
            {
                mismatched.Add(g + 1);
            }
        }

        return new CardFaceSignatureResult(mismatched.Count == 0, mismatched);
    }

    public override byte[] ChallengeCommandData(ReadOnlySpan<byte> nonce) => [.. Sha256DigestInfoPrefix, .. SHA256.HashData(nonce)];

    public override byte[] Encode() =>
        [.. BerTlvReader.Encode(0x90, Exponent), .. BerTlvReader.Encode(0x91, Modulus)];

    /// <summary>RSA public operation plus PKCS#1 type-1 unpadding; null when the block is not well formed.</summary>
    private byte[]? Recover(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != (Parameters.Modulus.BitLength + 7) / 8)
        {
            return null;
        }

        try
        {
            var engine = new Pkcs1Encoding(new RsaEngine());
            engine.Init(false, Parameters);
            return engine.ProcessBlock(signature.ToArray(), 0, signature.Length);
        }
        catch (Org.BouncyCastle.Crypto.InvalidCipherTextException)
        {
            return null;
        }
        catch (Org.BouncyCastle.Crypto.DataLengthException)
        {
            return null;
        }
    }
}

/// <summary>ECDSA P-384 public key; signatures are raw r‖s (96 bytes) over SHA-384.</summary>
public sealed class EcP384CardPublicKey : CardPublicKey
{
    private static readonly X9ECParameters Curve = NistNamedCurves.GetByName("P-384");
    private static readonly ECDomainParameters Domain = new(Curve);

    private EcP384CardPublicKey(byte[] point, ECPublicKeyParameters parameters)
    {
        Point = point;
        Parameters = parameters;
    }

    /// <summary>Uncompressed point 04‖X‖Y (97 bytes).</summary>
    public byte[] Point { get; }

    public ECPublicKeyParameters Parameters { get; }

    public override string SchemeName => "ECDSA P-384 / SHA-384";

    public override int DigestLength => 48;

    /// <summary>Creates a key from an uncompressed point (04‖X‖Y), validating it lies on P-384.</summary>
    public static EcP384CardPublicKey FromPoint(ReadOnlySpan<byte> point)
    {
        if (point.Length != 97 || point[0] != 0x04)
        {
            throw new CardDataFormatException($"EC key: expected an uncompressed P-384 point (97 bytes starting 04), got {point.Length} bytes");
        }

        try
        {
            var q = Curve.Curve.DecodePoint(point.ToArray());
            if (!q.IsValid())
            {
                throw new CardDataFormatException("EC key: point is not on P-384");
            }

            return new EcP384CardPublicKey(point.ToArray(), new ECPublicKeyParameters("EC", q, Domain));
        }
        catch (ArgumentException ex)
        {
            throw new CardDataFormatException("EC key: point is not on P-384", ex);
        }
    }

    public override byte[] Digest(ReadOnlySpan<byte> data) => SHA384.HashData(data);

    public override bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 96)
        {
            return false;
        }

        var r = new BigInteger(1, signature[..48].ToArray());
        var s = new BigInteger(1, signature[48..].ToArray());
        var signer = new ECDsaSigner();
        signer.Init(false, Parameters);
        return signer.VerifySignature(SHA384.HashData(message), r, s);
    }

    public override CardFaceSignatureResult VerifyCardFace(ReadOnlySpan<byte> concatenatedDigests, ReadOnlySpan<byte> signature)
    {
        if (concatenatedDigests.Length != 144)
        {
            throw new ArgumentException("Three SHA-384 digests (144 bytes) expected.", nameof(concatenatedDigests));
        }

        return new CardFaceSignatureResult(Verify(concatenatedDigests, signature), []);
    }

    public override byte[] ChallengeCommandData(ReadOnlySpan<byte> nonce) => SHA384.HashData(nonce);

    public override byte[] Encode() => BerTlvReader.Encode(0x86, Point);
}
