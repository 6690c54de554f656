using System.Text;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>
/// Surface AP EF 0003, AP basic info: <c>FF 30 { DF31 layout, DF32 key id, DF33 version, DF34 municipality
/// code, DF35 … }</c>. Unsigned: used only as a cross-check.
/// </summary>
public sealed record SurfaceApInfo(byte[] KeyId, string MunicipalityCode)
{
    public static SurfaceApInfo Parse(ReadOnlySpan<byte> file)
    {
        const string name = "surface EF 0003";
        var t = PrivateTemplate.Parse(file, 0xFF30, name);
        var keyId = t.Find(0xDF32) is { } k ? t.ValueOf(k) : [];
        var code = t.Require(0xDF34, name).Value(t.File);
        return new SurfaceApInfo(keyId, DecodeCode(code));
    }

    /// <summary>ASCII digits when the field is ASCII digits, otherwise hex (format not publicly confirmed [U]).</summary>
    internal static string DecodeCode(ReadOnlySpan<byte> code) =>
        CardValues.IsDigits(code) ? Encoding.ASCII.GetString(code) : Convert.ToHexString(code);
}

/// <summary>
/// Common AP (共通カードAP) record EF 0001, record 1: <c>01 1C</c> + 28 ASCII digits = 15-digit serial,
/// 5-digit municipality code, expiry YYYYMMDD. Nothing here is signed.
/// </summary>
public sealed record CommonCardRecord(string SerialNumber, string MunicipalityCode, DateOnly Expiry)
{
    public static CommonCardRecord Parse(ReadOnlySpan<byte> record)
    {
        const string name = "common AP record 1";
        var e = BerTlvReader.FindOuter(record, 0x01, maxLeadingBytes: 0);
        var value = e.Value(record);
        if (value.Length != 28 || !CardValues.IsDigits(value))
        {
            throw new CardDataFormatException($"{name}: expected 28 ASCII digits, got {value.Length} byte(s)");
        }

        return new CommonCardRecord(
            Encoding.ASCII.GetString(value[..15]),
            Encoding.ASCII.GetString(value[15..20]),
            CardValues.ParseDate(value[20..28], $"{name} expiry"));
    }
}

/// <summary>JPKI AP EF 0006, token info (160-byte CK_TOKEN_INFO; the first 32 bytes are the label).</summary>
public sealed record JpkiTokenInfo(string Label)
{
    public static JpkiTokenInfo Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 32)
        {
            throw new CardDataFormatException($"JPKI EF 0006: {file.Length} byte(s), expected at least 32");
        }

        return new JpkiTokenInfo(Encoding.ASCII.GetString(file[..32]).TrimEnd(' ', '\0'));
    }
}
