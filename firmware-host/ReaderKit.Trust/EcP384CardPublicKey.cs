using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using ReaderKit.Card;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Trust;

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
