using System.Collections.Concurrent;
using System.Globalization;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCard.Tests;

/// <summary>Test-only photo bytes: a JP2 signature box followed by deterministic filler. Not decodable JPEG 2000.</summary>
internal static class SyntheticPhoto
{
    public static byte[] For(Persona persona)
    {
        var bytes = DeterministicRandom.Bytes("test-photo", persona.DataIdentity, persona.PhotoSizeHint);
        byte[] signature = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    public static IChipPhotoSource Source { get; } = new DelegateChipPhotoSource(For);
}

/// <summary>
/// Shared, cached card images (key generation is the slow part); each test gets a fresh card. The cache is static so
/// that test classes (which xUnit runs in parallel) share images and keys.
/// </summary>
public sealed class CardFixture
{
    private static readonly ConcurrentDictionary<string, Lazy<CardImage>> images = new(StringComparer.Ordinal);

    public static TestPki Pki => TestPki.Default;

    public CardImage Image(string persona) => images.GetOrAdd(persona, name => new Lazy<CardImage>(
        () => new CardPersonalizer(Pki, SyntheticPhoto.Source).Personalize(PersonaCatalog.Get(name)))).Value;

    public VirtualMyNumberCard Card(string persona = PersonaCatalog.DefaultName) => new(Image(persona));
}

internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}

/// <summary>Helpers to drive a card with byte-level APDUs.</summary>
internal static class CardExtensions
{
    public static byte[] Send(this VirtualMyNumberCard card, string hex) => card.ProcessApdu(Hex.Bytes(hex));

    public static ushort Sw(this byte[] response) => (ushort)((response[^2] << 8) | response[^1]);

    public static byte[] Data(this byte[] response) => response[..^2];

    public static string SwHex(this byte[] response) => response.Sw().ToString("X4", CultureInfo.InvariantCulture);

    public static void SelectAp(this VirtualMyNumberCard card, ApplicationKind kind)
    {
        var aid = MyNumberCardAids.Of(kind);
        Assert.Equal("9000", card.ProcessApdu([0x00, 0xA4, 0x04, 0x0C, (byte)aid.Length, .. aid]).SwHex());
    }

    public static void SelectEf(this VirtualMyNumberCard card, ushort fid) =>
        Assert.Equal("9000", card.ProcessApdu([0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(fid >> 8), (byte)fid]).SwHex());

    public static byte[] VerifyAscii(this VirtualMyNumberCard card, string secret)
    {
        var data = System.Text.Encoding.ASCII.GetBytes(secret);
        return card.ProcessApdu([0x00, 0x20, 0x00, 0x80, (byte)data.Length, .. data]);
    }

    /// <summary>Reads a whole transparent EF in chunks of <paramref name="chunk"/> with short Le.</summary>
    public static byte[] ReadAll(this VirtualMyNumberCard card, int chunk = 0xF0)
    {
        var result = new List<byte>();
        while (true)
        {
            var offset = result.Count;
            var r = card.ProcessApdu([0x00, 0xB0, (byte)(offset >> 8), (byte)offset, (byte)(chunk == 256 ? 0 : chunk)]);
            if (r.Sw() == 0x6B00)
            {
                return [.. result];
            }

            Assert.Equal("9000", r.SwHex());
            result.AddRange(r.Data());
            if (r.Data().Length < chunk)
            {
                return [.. result];
            }
        }
    }
}

internal static class ObjectReads
{
    /// <summary>Reads the selected EF whole (filler included) and keeps its first TLV/DER object, as a reader that stops at the object's end.</summary>
    public static byte[] ReadObject(this VirtualMyNumberCard card, int chunk = 0xF0)
    {
        var physical = card.ReadAll(chunk);
        return physical[..TlvNode.ParseOne(physical).TotalLength];
    }
}

/// <summary>An independent BER-TLV reader for the tests (does not use the library's encoder).</summary>
internal sealed record TlvNode(int Tag, int Offset, int HeaderLength, byte[] Value)
{
    public int TotalLength => HeaderLength + Value.Length;

    /// <summary>Every object in <paramref name="data"/>, stopping at filler (nothing but 00 or FF bytes left).</summary>
    public static List<TlvNode> ParseAll(ReadOnlySpan<byte> data, int baseOffset = 0, int max = int.MaxValue)
    {
        var list = new List<TlvNode>();
        var i = 0;
        while (i < data.Length && list.Count < max && !IsFiller(data[i..]))
        {
            var start = i;
            int tag = data[i++];
            if ((tag & 0x1F) == 0x1F)
            {
                tag = (tag << 8) | data[i++];
            }

            int length = data[i++];
            if (length == 0x81)
            {
                length = data[i++];
            }
            else if (length == 0x82)
            {
                length = (data[i] << 8) | data[i + 1];
                i += 2;
            }

            list.Add(new TlvNode(tag, baseOffset + start, i - start, data.Slice(i, length).ToArray()));
            i += length;
        }

        return list;
    }

    private static bool IsFiller(ReadOnlySpan<byte> rest) => !rest.ContainsAnyExcept((byte)0xFF) || !rest.ContainsAnyExcept((byte)0x00);

    /// <summary>The first object of <paramref name="data"/> (a file as read, filler after it ignored).</summary>
    public static TlvNode ParseOne(ReadOnlySpan<byte> data) => ParseAll(data, max: 1)[0];

    public byte[] Encoded(ReadOnlySpan<byte> file) => file.Slice(Offset, TotalLength).ToArray();
}

/// <summary>Signature checks done with BouncyCastle from public keys only.</summary>
internal static class Verifier
{
    public static AsymmetricKeyParameter PublicKeyFromField(ReadOnlySpan<byte> field)
    {
        var nodes = TlvNode.ParseAll(field);
        if (nodes[0].Tag == 0x86)
        {
            var curve = SecNamedCurves.GetByName("secp384r1");
            var domain = new ECDomainParameters(curve);
            return new ECPublicKeyParameters(curve.Curve.DecodePoint(nodes[0].Value), domain);
        }

        var e = nodes.Single(n => n.Tag == 0x90).Value;
        var n = nodes.Single(n => n.Tag == 0x91).Value;
        return new RsaKeyParameters(false, new BigInteger(1, n), new BigInteger(1, e));
    }

    /// <summary>RSASSA-PKCS1-v1_5/SHA-256 or ECDSA/SHA-384 (r‖s) over a message.</summary>
    public static bool VerifyMessage(AsymmetricKeyParameter key, byte[] message, byte[] signature)
    {
        if (key is RsaKeyParameters)
        {
            var signer = SignerUtilities.GetSigner("SHA256withRSA");
            signer.Init(false, key);
            signer.BlockUpdate(message, 0, message.Length);
            return signer.VerifySignature(signature);
        }

        return VerifyEcdsaHash(key, new Sha384Digest().Hash(message), signature);
    }

    public static bool VerifyEcdsaHash(AsymmetricKeyParameter key, byte[] hash, byte[] signature)
    {
        if (signature.Length != 96)
        {
            return false;
        }

        var signer = new ECDsaSigner();
        signer.Init(false, key);
        return signer.VerifySignature(hash, new BigInteger(1, signature[..48]), new BigInteger(1, signature[48..]));
    }

    /// <summary>Recovers the PKCS#1 v1.5 type-1 payload (RSA public operation) to compare with an expected block.</summary>
    public static byte[] RecoverPkcs1(AsymmetricKeyParameter key, byte[] signature)
    {
        var engine = new Pkcs1Encoding(new RsaEngine());
        engine.Init(false, key);
        return engine.ProcessBlock(signature, 0, signature.Length);
    }

    public static byte[] Hash(this IDigest digest, byte[] data)
    {
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }

    /// <summary>Parses a 7F21 CVC (or its contents) → issuer key id, subject key id, subject public key, body, signature.</summary>
    public static (byte[] Issuer, byte[] Subject, AsymmetricKeyParameter SubjectKey, byte[] Body, byte[] Signature) ParseCvc(byte[] cvc)
    {
        var inner = cvc[0] == 0x7F && cvc[1] == 0x21 ? TlvNode.ParseOne(cvc).Value : cvc;
        var nodes = TlvNode.ParseAll(inner);
        var body = nodes.Single(n => n.Tag == 0x5F4E).Value;
        var signature = nodes.Single(n => n.Tag == 0x5F37).Value;
        return (body[..16], body[16..32], PublicKeyFromField(body.AsSpan(32)), body, signature);
    }
}
