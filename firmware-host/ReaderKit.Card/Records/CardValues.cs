using System.Globalization;
using System.Text;

namespace ReaderKit.Card.Records;

/// <summary>Decoders for the small ASCII fields the card uses.</summary>
public static class CardValues
{
    /// <summary>YYYYMMDD ASCII → date.</summary>
    /// <exception cref="CardDataFormatException">Not 8 digits or not a calendar date.</exception>
    public static DateOnly ParseDate(ReadOnlySpan<byte> value, string field)
    {
        if (value.Length != 8 || !IsDigits(value))
        {
            throw new CardDataFormatException($"{field}: expected 8 ASCII digits (YYYYMMDD), got {value.Length} byte(s)");
        }

        var text = Encoding.ASCII.GetString(value);
        return DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CardDataFormatException($"{field}: not a calendar date");
    }

    /// <summary>One ASCII digit → sex.</summary>
    public static Sex ParseSex(ReadOnlySpan<byte> value, string field)
    {
        if (value.Length != 1)
        {
            throw new CardDataFormatException($"{field}: expected 1 byte, got {value.Length}");
        }

        return value[0] switch
        {
            (byte)'0' => Sex.Unknown,
            (byte)'1' => Sex.Male,
            (byte)'2' => Sex.Female,
            (byte)'9' => Sex.NotApplicable,
            _ => throw new CardDataFormatException($"{field}: 0x{value[0]:X2} is not an ISO 5218 code"),
        };
    }

    /// <summary>Strict UTF-8 text.</summary>
    public static string ParseUtf8(ReadOnlySpan<byte> value, string field)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(value);
        }
        catch (DecoderFallbackException ex)
        {
            throw new CardDataFormatException($"{field}: not valid UTF-8", ex);
        }
    }

    /// <summary>ASCII digits → string (throws when any byte is not a digit).</summary>
    public static string ParseDigits(ReadOnlySpan<byte> value, string field)
    {
        return IsDigits(value) ? Encoding.ASCII.GetString(value) : throw new CardDataFormatException($"{field}: expected ASCII digits");
    }

    public static bool IsDigits(ReadOnlySpan<byte> value) => value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;
}
