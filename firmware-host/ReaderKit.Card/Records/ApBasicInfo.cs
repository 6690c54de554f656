using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>
/// The extended-length declaration in an AP's basic-information record: text AP EF 0005 <c>FF40 { DF41 04 … }</c> and
/// surface AP EF 0003 <c>FF30 { DF31 04 … }</c>. Byte 1 of that 4-byte field flags extended Lc/Le support (<c>01 03 0E 01</c>
/// and <c>06 03 0E 01</c> observed: soltia48/myna-card names the byte; the surface record's use of the same layout is [U]).
/// Unsigned, so it only decides whether the reader <i>tries</i> an extended Le; the card's answers confirm it.
/// </summary>
public sealed record ApBasicInfo(byte[] ApInfo)
{
    /// <summary>Text AP EF 0005: outer tag and the AP-info field.</summary>
    public static readonly (int OuterTag, int InfoTag) TextAp = (0xFF40, 0xDF41);

    /// <summary>Surface AP EF 0003: outer tag and the AP-info field.</summary>
    public static readonly (int OuterTag, int InfoTag) SurfaceAp = (0xFF30, 0xDF31);

    /// <summary>
    /// True when byte 1 of the AP-info field is non-zero (<c>03</c> on every card seen; <c>00</c> is the modelled card
    /// without extended length [U]).
    /// </summary>
    public bool DeclaresExtendedLength => ApInfo.Length >= 2 && ApInfo[1] != 0x00;

    /// <summary>Parses the record; the AP-info field must hold at least 2 bytes.</summary>
    /// <exception cref="CardDataFormatException">Malformed record or missing AP-info field.</exception>
    public static ApBasicInfo Parse(ReadOnlySpan<byte> file, int outerTag, int infoTag)
    {
        var name = $"AP basic information {outerTag:X}";
        var t = PrivateTemplate.Parse(file, outerTag, name);
        var info = t.ValueOf(t.Require(infoTag, name));
        return info.Length < 2
            ? throw new CardDataFormatException($"{name}: {infoTag:X} holds {info.Length} byte(s), expected at least 2")
            : new ApBasicInfo(info);
    }

    /// <summary><see cref="Parse"/>, or null when the record is malformed (it is unsigned and only a hint).</summary>
    public static ApBasicInfo? TryParse(ReadOnlySpan<byte> file, int outerTag, int infoTag)
    {
        try
        {
            return Parse(file, outerTag, infoTag);
        }
        catch (CardDataFormatException)
        {
            return null;
        }
    }
}
