using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using ReaderKit.Trust;

namespace ReaderKit.Trust.Tests.Fixtures;

/// <summary>A test key pair that signs the way the card and J-LIS do (RSA PKCS#1 v1.5/SHA-256 or ECDSA P-384/SHA-384 r‖s).</summary>
internal sealed class TestSigner
{
    private static readonly SecureRandom Random = new();
    private static readonly Lazy<TestSigner>[] RsaPool = Enumerable.Range(0, 6).Select(_ => new Lazy<TestSigner>(() => NewRsa())).ToArray();

    private readonly AsymmetricKeyParameter _private;

    private TestSigner(AsymmetricKeyParameter privateKey, CardPublicKey publicKey)
    {
        _private = privateKey;
        PublicKey = publicKey;
    }

    public CardPublicKey PublicKey { get; }

    public bool IsEc => PublicKey is EcP384CardPublicKey;

    /// <summary>Shared RSA keys (generation is slow): index 0..5.</summary>
    public static TestSigner Rsa(int index) => RsaPool[index].Value;

    public static TestSigner NewRsa()
    {
        // Key generation through the platform (OpenSSL) is much faster than BouncyCastle's; signing stays in BouncyCastle.
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        static BigInteger B(byte[]? v) => new(1, v!);
        var priv = new RsaPrivateCrtKeyParameters(B(p.Modulus), B(p.Exponent), B(p.D), B(p.P), B(p.Q), B(p.DP), B(p.DQ), B(p.InverseQ));
        return new TestSigner(priv, RsaCardPublicKey.Create(p.Modulus, p.Exponent));
    }

    public static TestSigner NewEc()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(new ECDomainParameters(NistNamedCurves.GetByName("P-384")), Random));
        var pair = generator.GenerateKeyPair();
        var pub = (ECPublicKeyParameters)pair.Public;
        return new TestSigner(pair.Private, EcP384CardPublicKey.FromPoint(pub.Q.GetEncoded(false)));
    }

    /// <summary>Ordinary hash-then-sign.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) =>
        IsEc ? SignEcHash(SHA384.HashData(message)) : SignRsaMessage(message);

    /// <summary>DF28 over three digests.</summary>
    public byte[] SignCardFace(byte[] digests) =>
        IsEc ? SignEcHash(SHA384.HashData(digests)) : SignRsaRaw([0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60, .. digests]);

    /// <summary>What the chip does with <c>80 2A 00 00</c> data: RSA signs the supplied DigestInfo, EC signs the supplied hash.</summary>
    public byte[] SignCommandData(byte[] data) => IsEc ? SignEcHash(data) : SignRsaRaw(data);

    private byte[] SignRsaMessage(ReadOnlySpan<byte> message)
    {
        var signer = new RsaDigestSigner(new Sha256Digest());
        signer.Init(true, _private);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    private byte[] SignRsaRaw(byte[] block)
    {
        var engine = new Pkcs1Encoding(new RsaEngine());
        engine.Init(true, _private);
        return engine.ProcessBlock(block, 0, block.Length);
    }

    private byte[] SignEcHash(byte[] hash)
    {
        var signer = new ECDsaSigner();
        signer.Init(true, new ParametersWithRandom(_private, Random));
        var rs = signer.GenerateSignature(hash);
        return [.. Fixed(rs[0]), .. Fixed(rs[1])];
    }

    private static byte[] Fixed(BigInteger value)
    {
        var bytes = value.ToByteArrayUnsigned();
        return [.. new byte[48 - bytes.Length], .. bytes];
    }
}
