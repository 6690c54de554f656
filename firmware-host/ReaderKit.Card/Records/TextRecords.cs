using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>
/// Text AP (券面事項入力補助AP) EF 0002, the four basic facts: <c>FF 20 { DF21 offsets, DF22 name,
/// DF23 address, DF24 DOB YYYYMMDD, DF25 sex }</c>. <see cref="DigestSource"/> is what DF32 hashes.
/// </summary>
public sealed class TextAttributesFile
{
    public const int OuterTag = 0xFF20;
    public const int OffsetTableTag = 0xDF21;
    public const int NameTag = 0xDF22;
    public const int AddressTag = 0xDF23;
    public const int BirthDateTag = 0xDF24;
    public const int SexTag = 0xDF25;
    private const string Name = "text EF 0002";

    private readonly PrivateTemplate _template;

    private TextAttributesFile(PrivateTemplate template)
    {
        _template = template;
    }

    /// <summary>
    /// The bytes DF32 is a digest of: the outer value with the DF21 table skipped (DF22…DF25 objects as encoded).
    /// </summary>
    public byte[] DigestSource
    {
        get
        {
            var table = _template.Require(OffsetTableTag, Name);
            return _template.RawFrom(table.End);
        }
    }

    /// <exception cref="CardDataFormatException">Malformed, missing a field, or a lying offset table.</exception>
    public static TextAttributesFile Parse(ReadOnlySpan<byte> file)
    {
        var template = PrivateTemplate.Parse(file, OuterTag, Name);
        foreach (var tag in new[] { OffsetTableTag, NameTag, AddressTag, BirthDateTag, SexTag })
        {
            template.Require(tag, Name);
        }

        if (template.Children[0].Tag != OffsetTableTag)
        {
            throw new CardDataFormatException($"{Name}: the offset table is not the first object");
        }

        template.CheckOffsetTable(OffsetTableTag, Name);
        return new TextAttributesFile(template);
    }

    /// <summary>Interprets the fields; call after DF32/DF33 verified.</summary>
    public TextAttributes Interpret() => new(
        CardValues.ParseUtf8(Value(NameTag), "DF22 name"),
        CardValues.ParseUtf8(Value(AddressTag), "DF23 address"),
        CardValues.ParseDate(Value(BirthDateTag), "DF24 birth date"),
        CardValues.ParseSex(Value(SexTag), "DF25 sex"));

    private ReadOnlySpan<byte> Value(int tag) => _template.Require(tag, Name).Value(_template.File);
}

/// <summary>The four basic facts as text.</summary>
public sealed record TextAttributes(string Name, string Address, DateOnly BirthDate, Sex Sex);

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

/// <summary>
/// A record that carries a card key and an issuer signature over the objects before it: text AP EF 0007
/// (<c>FF 50 { DF51 key, DF52 signature }</c>) and surface AP EF 0001, the age record
/// (<c>FF 10 { DF11 DOB, DF12 key, DF13 signature }</c>).
/// </summary>
public sealed class SignedKeyRecord
{
    private SignedKeyRecord(byte[] signedBytes, byte[] keyField, byte[] signature, byte[]? birthDate)
    {
        SignedBytes = signedBytes;
        KeyField = keyField;
        Signature = signature;
        BirthDateField = birthDate;
    }

    /// <summary>Every object before the signature, as encoded (what the signature covers).</summary>
    public byte[] SignedBytes { get; }

    /// <summary>The card key field (DF51 / DF12 value).</summary>
    public byte[] KeyField { get; }

    public byte[] Signature { get; }

    /// <summary>DF11 of the age record (raw YYYYMMDD); null for EF 0007.</summary>
    public byte[]? BirthDateField { get; }

    /// <summary>Text AP EF 0007.</summary>
    public static SignedKeyRecord ParseTextCardKey(ReadOnlySpan<byte> file) => Parse(file, 0xFF50, 0xDF51, 0xDF52, null, "text EF 0007");

    /// <summary>Surface AP EF 0001 (age record).</summary>
    public static SignedKeyRecord ParseAgeRecord(ReadOnlySpan<byte> file) => Parse(file, 0xFF10, 0xDF12, 0xDF13, 0xDF11, "surface EF 0001");

    /// <summary>The age record's birth date; call after the signature verified.</summary>
    public DateOnly InterpretBirthDate() =>
        BirthDateField is null ? throw new InvalidOperationException("Not an age record.") : CardValues.ParseDate(BirthDateField, "DF11 birth date");

    private static SignedKeyRecord Parse(ReadOnlySpan<byte> file, int outer, int keyTag, int sigTag, int? dobTag, string name)
    {
        var t = PrivateTemplate.Parse(file, outer, name);
        var key = t.Require(keyTag, name);
        var sig = t.Require(sigTag, name);
        var first = t.Children[0];
        if (sig.Start <= key.Start || first.Start >= sig.Start)
        {
            throw new CardDataFormatException($"{name}: the signature must follow the signed objects");
        }

        var previous = t.Children.Last(c => c.End <= sig.Start);
        byte[]? dob = null;
        if (dobTag is int d)
        {
            dob = t.ValueOf(t.Require(d, name));
        }

        return new SignedKeyRecord(t.RawRange(first, previous), t.ValueOf(key), t.ValueOf(sig), dob);
    }
}

/// <summary>Text AP EF 0001: <c>FF 10 0C</c> + 12 ASCII digits, plus filler. Only read under a configured My Number purpose.</summary>
public static class MyNumberFile
{
    /// <summary>The 12 digits as ASCII bytes (caller zeroizes).</summary>
    public static byte[] ParseDigits(ReadOnlySpan<byte> file)
    {
        var outer = BerTlvReader.FindOuter(file, 0xFF10);
        var value = outer.Value(file);
        if (value.Length != 12 || !CardValues.IsDigits(value))
        {
            throw new CardDataFormatException("text EF 0001: expected 12 ASCII digits");
        }

        return value.ToArray();
    }
}
