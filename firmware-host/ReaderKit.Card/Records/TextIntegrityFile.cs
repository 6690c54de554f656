using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>
/// Text AP EF 0003, the integrity record: <c>FF 30 { DF31 digest of EF 0001, DF32 digest of EF 0002,
/// DF33 signature over DF31 TLV ‖ DF32 TLV }</c>. Digests are 32 bytes (SHA-256) or 48 (SHA-384, next-gen).
/// </summary>
public sealed class TextIntegrityFile
{
    public const int OuterTag = 0xFF30;
    public const int MyNumberDigestTag = 0xDF31;
    public const int AttributesDigestTag = 0xDF32;
    public const int SignatureTag = 0xDF33;
    private const string Name = "text EF 0003";

    private TextIntegrityFile(byte[] myNumberDigest, byte[] attributesDigest, byte[] signature, byte[] signedBytes)
    {
        MyNumberDigest = myNumberDigest;
        AttributesDigest = attributesDigest;
        Signature = signature;
        SignedBytes = signedBytes;
    }

    public byte[] MyNumberDigest { get; }

    public byte[] AttributesDigest { get; }

    public byte[] Signature { get; }

    /// <summary>The DF31 and DF32 objects as encoded, concatenated: what DF33 signs.</summary>
    public byte[] SignedBytes { get; }

    public static TextIntegrityFile Parse(ReadOnlySpan<byte> file)
    {
        var t = PrivateTemplate.Parse(file, OuterTag, Name);
        var d31 = t.Require(MyNumberDigestTag, Name);
        var d32 = t.Require(AttributesDigestTag, Name);
        var sig = t.Require(SignatureTag, Name);
        if (d31.Length != d32.Length || d31.Length is not (32 or 48))
        {
            throw new CardDataFormatException($"{Name}: digests are {d31.Length} and {d32.Length} bytes (expected 32 or 48 each)");
        }

        return new TextIntegrityFile(t.ValueOf(d31), t.ValueOf(d32), t.ValueOf(sig), [.. t.RawOf(d31), .. t.RawOf(d32)]);
    }
}
