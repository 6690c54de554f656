using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using ReaderKit.VirtualCard.Files;

namespace ReaderKit.VirtualCard.Crypto;

/// <summary>
/// A key pair used by the test PKI or held by the virtual card: RSA-2048 (current cards) or ECDSA P-384
/// (next-generation assumption). Knows the card's public-key field encodings and every signature
/// construction the reference describes.
/// </summary>
public sealed class CardSigningKey
{
    private const int RsaModulusBytes = 256;
    private const int EcCoordinateBytes = 48;

    private CardSigningKey(CardKeyAlgorithm algorithm, AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey)
    {
        Algorithm = algorithm;
        PrivateKey = privateKey;
        PublicKey = publicKey;
    }

    /// <summary>RSA-2048 or ECDSA P-384.</summary>
    public CardKeyAlgorithm Algorithm { get; }

    /// <summary>The private half (BouncyCastle parameters).</summary>
    public AsymmetricKeyParameter PrivateKey { get; }

    /// <summary>The public half (BouncyCastle parameters).</summary>
    public AsymmetricKeyParameter PublicKey { get; }

    /// <summary>Signature length in bytes: 256 (RSA-2048) or 96 (P-384 r‖s).</summary>
    public int SignatureLength => Algorithm == CardKeyAlgorithm.Rsa2048 ? RsaModulusBytes : 2 * EcCoordinateBytes;

    /// <summary>Generates a key pair from a deterministic random source.</summary>
    public static CardSigningKey Generate(CardKeyAlgorithm algorithm, SecureRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (algorithm == CardKeyAlgorithm.Rsa2048)
        {
            var generator = new RsaKeyPairGenerator();
            generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(65537), random, 2048, 80));
            var pair = generator.GenerateKeyPair();
            return new CardSigningKey(algorithm, pair.Private, pair.Public);
        }

        var ecGenerator = new ECKeyPairGenerator("ECDSA");
        ecGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP384r1, random));
        var ecPair = ecGenerator.GenerateKeyPair();
        return new CardSigningKey(algorithm, ecPair.Private, ecPair.Public);
    }

    /// <summary>RSA modulus (256 bytes, big-endian). Throws for EC keys.</summary>
    public byte[] RsaModulus => FixedLength(((RsaKeyParameters)PublicKey).Modulus, RsaModulusBytes);

    /// <summary>RSA public exponent (minimal big-endian, 01 00 01). Throws for EC keys.</summary>
    public byte[] RsaExponent => ((RsaKeyParameters)PublicKey).Exponent.ToByteArrayUnsigned();

    /// <summary>Uncompressed EC point 04‖X‖Y (97 bytes). Throws for RSA keys.</summary>
    public byte[] EcPublicPoint => ((ECPublicKeyParameters)PublicKey).Q.Normalize().GetEncoded(false);

    /// <summary>
    /// The card's public-key field: RSA <c>90 03 010001 91 82 0100 n</c> (265 bytes);
    /// EC <c>86 61 04 X Y</c> (99 bytes, BSI TR-03110 style, next-gen assumption).
    /// </summary>
    public byte[] EncodePublicKeyField() => Algorithm == CardKeyAlgorithm.Rsa2048
        ? Tlv.Concat(Tlv.Encode(0x90, RsaExponent), Tlv.Encode(0x91, RsaModulus))
        : Tlv.Encode(0x86, EcPublicPoint);

    /// <summary>
    /// Signs a message: RSASSA-PKCS1-v1_5 / SHA-256 (RSA) or ECDSA / SHA-384 as raw r‖s (EC, deterministic k).
    /// This is the construction of CVC 5F37, text DF33, age record DF13, EF 0007 DF52 and EF 0005 DF43.
    /// </summary>
    public byte[] SignMessage(ReadOnlySpan<byte> message)
    {
        if (Algorithm == CardKeyAlgorithm.Rsa2048)
        {
            var signer = new RsaDigestSigner(new Sha256Digest());
            signer.Init(true, PrivateKey);
            signer.BlockUpdate(message);
            return signer.GenerateSignature();
        }

        return SignEcdsaHash(SHA384.HashData(message));
    }

    /// <summary>
    /// RSA PKCS#1 v1.5 block type 1 over the supplied bytes as they are (1–245 bytes): the "unprefixed"
    /// signature used for DF28 (three-digest DigestInfo), JPKI P1=00/01/02 and the chip challenge.
    /// </summary>
    public byte[] SignPkcs1Raw(ReadOnlySpan<byte> block)
    {
        RequireRsa();
        var encoding = new Pkcs1Encoding(new RsaBlindedEngine());
        encoding.Init(true, PrivateKey);
        var input = block.ToArray();
        return FixedLength(new BigInteger(1, encoding.ProcessBlock(input, 0, input.Length)), RsaModulusBytes);
    }

    /// <summary>RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) over a supplied 32-byte SHA-256 hash.</summary>
    public byte[] SignPssHash(ReadOnlySpan<byte> sha256Hash, SecureRandom random)
    {
        RequireRsa();
        var signer = PssSigner.CreateRawSigner(new RsaBlindedEngine(), new Sha256Digest());
        signer.Init(true, new ParametersWithRandom(PrivateKey, random));
        signer.BlockUpdate(sha256Hash);
        return signer.GenerateSignature();
    }

    /// <summary>ECDSA over a supplied hash, deterministic k (RFC 6979 with SHA-384), raw r‖s of 48 bytes each.</summary>
    public byte[] SignEcdsaHash(ReadOnlySpan<byte> hash)
    {
        if (Algorithm != CardKeyAlgorithm.EcdsaP384)
        {
            throw new InvalidOperationException("ECDSA needs an EC key.");
        }

        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha384Digest()));
        signer.Init(true, PrivateKey);
        var rs = signer.GenerateSignature(hash.ToArray());
        return Tlv.Concat(FixedLength(rs[0], EcCoordinateBytes), FixedLength(rs[1], EcCoordinateBytes));
    }

    /// <summary>SHA-256 (RSA generation) or SHA-384 (EC generation) of the data.</summary>
    public byte[] Digest(ReadOnlySpan<byte> data) =>
        Algorithm == CardKeyAlgorithm.Rsa2048 ? SHA256.HashData(data) : SHA384.HashData(data);

    private void RequireRsa()
    {
        if (Algorithm != CardKeyAlgorithm.Rsa2048)
        {
            throw new InvalidOperationException("This construction needs an RSA key.");
        }
    }

    private static byte[] FixedLength(BigInteger value, int length)
    {
        var bytes = value.ToByteArrayUnsigned();
        if (bytes.Length == length)
        {
            return bytes;
        }

        var result = new byte[length];
        bytes.CopyTo(result, length - bytes.Length);
        return result;
    }
}
