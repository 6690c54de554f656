using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>
/// Surface AP (券面事項確認AP) EF 0002, the card face: <c>FF 20 { DF21 offsets, DF22 DOB, DF23 sex,
/// DF24 card key, DF25 name image, DF26 address image, DF27 photo (JPEG 2000), DF28 signature,
/// DF29 expiry, DF2A security-code image }</c>. Parsing is structural: the three signed groups are
/// exposed as raw bytes so DF28 can be checked before any field is interpreted (<see cref="Interpret"/>).
/// </summary>
public sealed class CardFaceFile
{
    public const int OuterTag = 0xFF20;
    public const int OffsetTableTag = 0xDF21;
    public const int BirthDateTag = 0xDF22;
    public const int SexTag = 0xDF23;
    public const int CardKeyTag = 0xDF24;
    public const int NameImageTag = 0xDF25;
    public const int AddressImageTag = 0xDF26;
    public const int PhotoTag = 0xDF27;
    public const int SignatureTag = 0xDF28;
    public const int ExpiryTag = 0xDF29;
    public const int SecurityCodeImageTag = 0xDF2A;
    private const string Name = "surface EF 0002";

    private readonly PrivateTemplate _template;

    private CardFaceFile(PrivateTemplate template)
    {
        _template = template;
    }

    /// <summary>Bytes before <c>FF 20</c> in the file as read.</summary>
    public int LeadingBytes => _template.LeadingBytes;

    /// <summary>Group 1 as signed: the DF22, DF23 and DF24 objects (tag, length, value) concatenated.</summary>
    public byte[] Group1 => Concat(BirthDateTag, SexTag, CardKeyTag);

    /// <summary>Group 2 as signed: DF25 ‖ DF26.</summary>
    public byte[] Group2 => Concat(NameImageTag, AddressImageTag);

    /// <summary>Group 3 as signed: DF27.</summary>
    public byte[] Group3 => Concat(PhotoTag);

    /// <summary>The DF28 signature value.</summary>
    public byte[] Signature => _template.ValueOf(_template.Require(SignatureTag, Name));

    /// <summary>The DF24 card-key value (public key of the chip's own key; authenticated by DF28).</summary>
    public byte[] CardKeyField => _template.ValueOf(_template.Require(CardKeyTag, Name));

    /// <summary>
    /// Parses the structure and checks the DF21 offset table against the real positions.
    /// </summary>
    /// <exception cref="CardDataFormatException">Malformed, missing a signed field, or a lying offset table.</exception>
    public static CardFaceFile Parse(ReadOnlySpan<byte> file)
    {
        var template = PrivateTemplate.Parse(file, OuterTag, Name);
        foreach (var tag in new[] { OffsetTableTag, BirthDateTag, SexTag, CardKeyTag, NameImageTag, AddressImageTag, PhotoTag, SignatureTag })
        {
            template.Require(tag, Name);
        }

        template.CheckOffsetTable(OffsetTableTag, Name);
        return new CardFaceFile(template);
    }

    /// <summary>
    /// Interprets the signed fields. Call only after DF28 has been verified over
    /// <see cref="Group1"/>…<see cref="Group3"/>.
    /// </summary>
    public CardFace Interpret() => new(
        CardValues.ParseDate(Value(BirthDateTag), "DF22 birth date"),
        CardValues.ParseSex(Value(SexTag), "DF23 sex"),
        Value(CardKeyTag).ToArray(),
        Value(NameImageTag).ToArray(),
        Value(AddressImageTag).ToArray(),
        Value(PhotoTag).ToArray());

    /// <summary>DF29 expiry — outside the signature, so it is only ever reported as unsigned. Null when absent.</summary>
    public DateOnly? UnsignedExpiry =>
        _template.Find(ExpiryTag) is { } e ? CardValues.ParseDate(e.Value(_template.File), "DF29 expiry") : null;

    /// <summary>DF2A security-code image (PNG) — outside the signature. Null when absent.</summary>
    public byte[]? UnsignedSecurityCodeImage =>
        _template.Find(SecurityCodeImageTag) is { } e ? _template.ValueOf(e) : null;

    private ReadOnlySpan<byte> Value(int tag) => _template.Require(tag, Name).Value(_template.File);

    private byte[] Concat(params int[] tags)
    {
        using var buffer = new MemoryStream();
        foreach (var tag in tags)
        {
            buffer.Write(_template.Require(tag, Name).Raw(_template.File));
        }

        return buffer.ToArray();
    }
}
