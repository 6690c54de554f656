using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using ReaderKit.Card;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Trust;

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

    /// <summary>Hash-then-verify; a signature of the wrong length or out of range is simply invalid (false), never an exception.</summary>
    public override bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != (Parameters.Modulus.BitLength + 7) / 8)
        {
            return false;
        }

        try
        {
            var signer = new RsaDigestSigner(new Sha256Digest());
            signer.Init(false, Parameters);
            signer.BlockUpdate(message);
            return signer.VerifySignature(signature.ToArray());
        }
        catch (Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
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
