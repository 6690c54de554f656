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
