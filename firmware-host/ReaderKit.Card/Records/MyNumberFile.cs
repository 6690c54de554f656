using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

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
