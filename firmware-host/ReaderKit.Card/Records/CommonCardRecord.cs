using System.Text;
using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

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
