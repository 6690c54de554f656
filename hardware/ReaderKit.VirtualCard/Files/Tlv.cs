namespace ReaderKit.VirtualCard.Files;

/// <summary>
/// BER-TLV encoding for the card's private-class tags (<c>FF xx</c> constructed, <c>DF xx</c> primitive,
/// <c>5F xx</c>/<c>7F xx</c> in CVCs). Lengths use the short form below 128 and <c>81 LL</c> / <c>82 LL LL</c> above,
/// exactly as the card stores them.
/// </summary>
public static class Tlv
{
    /// <summary>Encodes one TLV with a one- or two-byte tag (e.g. 0xDF22, 0x90).</summary>
    public static byte[] Encode(int tag, ReadOnlySpan<byte> value)
    {
        var tagBytes = tag > 0xFF ? 2 : 1;
        var length = EncodeLength(value.Length);
        var result = new byte[tagBytes + length.Length + value.Length];
        if (tagBytes == 2)
        {
            result[0] = (byte)(tag >> 8);
            result[1] = (byte)tag;
        }
        else
        {
            result[0] = (byte)tag;
        }

        length.CopyTo(result.AsSpan(tagBytes));
        value.CopyTo(result.AsSpan(tagBytes + length.Length));
        return result;
    }

    /// <summary>Encodes a constructed TLV whose value is the concatenation of <paramref name="children"/>.</summary>
    public static byte[] Constructed(int tag, params byte[][] children) => Encode(tag, Concat(children));

    /// <summary>BER definite length: short form, 81 LL or 82 LL LL.</summary>
    public static byte[] EncodeLength(int length) => length switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(length)),
        < 0x80 => [(byte)length],
        <= 0xFF => [0x81, (byte)length],
        <= 0xFFFF => [0x82, (byte)(length >> 8), (byte)length],
        _ => throw new ArgumentOutOfRangeException(nameof(length), "TLV values are limited to 65535 bytes."),
    };

    /// <summary>Concatenates byte arrays.</summary>
    public static byte[] Concat(params byte[][] parts)
    {
        var total = 0;
        foreach (var p in parts)
        {
            total += p.Length;
        }

        var result = new byte[total];
        var offset = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, offset);
            offset += p.Length;
        }

        return result;
    }
}
