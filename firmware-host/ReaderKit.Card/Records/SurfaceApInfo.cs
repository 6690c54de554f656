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
