namespace ReaderKit.Card.Tlv;

/// <summary>
/// A strict BER-TLV reader for the card's private-class data objects (<c>FF xx</c>, <c>DF xx</c>,
/// <c>7F 21</c>, <c>5F 4E</c>…). Definite lengths only (short form, <c>81</c>, <c>82</c>, <c>83</c>);
/// tags of up to three bytes. Every failure is a <see cref="CardDataFormatException"/>; nothing reads
/// past the buffer.
/// </summary>
public static class BerTlvReader
{
    /// <summary>Largest value length accepted (the card's EFs are far smaller; the 15-bit READ BINARY offset caps them at 32 KiB).</summary>
    public const int MaxLength = 0xFFFFFF;

    /// <summary>Reads the object that starts at <paramref name="offset"/> and checks it fits in the buffer.</summary>
    /// <exception cref="CardDataFormatException">Truncated or unsupported encoding.</exception>
    public static TlvElement Read(ReadOnlySpan<byte> buffer, int offset)
    {
        if (!TryRead(buffer, offset, out var element, out var error))
        {
            throw new CardDataFormatException(error!);
        }

        return element;
    }

    /// <summary>Reads one object without throwing; <paramref name="error"/> says why it failed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, int offset, out TlvElement element, out string? error) =>
        TryRead(buffer, offset, headerOnly: false, out element, out error);

    /// <summary>
    /// Reads only the tag and length (the value may lie beyond the buffer); used to learn a file's size
    /// from its first chunk.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> buffer, int offset, out TlvElement element) =>
        TryRead(buffer, offset, headerOnly: true, out element, out _);

    private static bool TryRead(ReadOnlySpan<byte> buffer, int offset, bool headerOnly, out TlvElement element, out string? error)
    {
        element = default;
        if (offset < 0 || offset >= buffer.Length)
        {
            error = $"no TLV object at offset {offset} (buffer is {buffer.Length} bytes)";
            return false;
        }

        var position = offset;
        int tag = buffer[position++];
        if ((tag & 0x1F) == 0x1F)
        {
            // Subsequent tag bytes: bit 8 set means another follows. Three bytes at most here.
            for (var count = 1; ; count++)
            {
                if (position >= buffer.Length)
                {
                    error = $"tag at offset {offset} is truncated";
                    return false;
                }

                if (count > 2)
                {
                    error = $"tag at offset {offset} is longer than 3 bytes";
                    return false;
                }

                var next = buffer[position++];
                tag = (tag << 8) | next;
                if ((next & 0x80) == 0)
                {
                    break;
                }
            }
        }

        if (position >= buffer.Length)
        {
            error = $"tag {tag:X} at offset {offset} has no length";
            return false;
        }

        int length = buffer[position++];
        if (length == 0x80)
        {
            error = $"tag {tag:X} at offset {offset} uses the indefinite length form, which this card never does";
            return false;
        }

        if (length > 0x80)
        {
            var count = length & 0x7F;
            if (count > 3)
            {
                error = $"tag {tag:X} at offset {offset} has a {count}-byte length field";
                return false;
            }

            if (position + count > buffer.Length)
            {
                error = $"length of tag {tag:X} at offset {offset} is truncated";
                return false;
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | buffer[position++];
            }
        }

        var headerLength = position - offset;
        if (headerOnly)
        {
            element = new TlvElement(tag, offset, headerLength, length);
            error = null;
            return true;
        }

        if ((long)position + length > buffer.Length)
        {
            error = $"tag {tag:X} at offset {offset} claims {length} value bytes but only {buffer.Length - position} remain";
            return false;
        }

        element = new TlvElement(tag, offset, headerLength, length);
        error = null;
        return true;
    }

    /// <summary>
    /// Reads consecutive objects from <paramref name="start"/> to <paramref name="end"/>. Stops early at
    /// <c>00</c> or <c>FF</c> filler only when <paramref name="allowFiller"/> is set and every remaining byte is filler.
    /// </summary>
    public static IReadOnlyList<TlvElement> ReadSequence(ReadOnlySpan<byte> buffer, int start, int end, bool allowFiller = false)
    {
        if (start < 0 || end > buffer.Length || start > end)
        {
            throw new CardDataFormatException($"range {start}..{end} is outside the {buffer.Length}-byte buffer");
        }

        var elements = new List<TlvElement>();
        var position = start;
        while (position < end)
        {
            if (allowFiller && IsFiller(buffer[position..end]))
            {
                break;
            }

            var element = Read(buffer[..end], position);
            elements.Add(element);
            position = element.End;
        }

        return elements;
    }

    /// <summary>The children of a constructed object.</summary>
    public static IReadOnlyList<TlvElement> ReadChildren(ReadOnlySpan<byte> buffer, TlvElement parent, bool allowFiller = false) =>
        ReadSequence(buffer, parent.ValueStart, parent.End, allowFiller);

    /// <summary>
    /// Locates the outer object with tag <paramref name="tag"/> by parsing: some cards put a few bytes
    /// before it, so the first position (up to <paramref name="maxLeadingBytes"/>) where a well-formed object
    /// with that tag begins is taken. Never assumes a fixed offset.
    /// </summary>
    /// <exception cref="CardDataFormatException">No well-formed object with that tag.</exception>
    public static TlvElement FindOuter(ReadOnlySpan<byte> buffer, int tag, int maxLeadingBytes = 16)
    {
        var tagBytes = TagBytes(tag);
        string? lastError = null;
        for (var offset = 0; offset <= Math.Min(maxLeadingBytes, buffer.Length - tagBytes.Length); offset++)
        {
            if (!buffer[offset..].StartsWith(tagBytes))
            {
                continue;
            }

            if (TryRead(buffer, offset, out var element, out lastError))
            {
                return element;
            }
        }

        throw new CardDataFormatException(lastError ?? $"no object with tag {tag:X} in the first {maxLeadingBytes + tagBytes.Length} bytes");
    }

    /// <summary>The encoded bytes of a tag number (1–3 bytes).</summary>
    public static byte[] TagBytes(int tag) => tag switch
    {
        <= 0xFF => [(byte)tag],
        <= 0xFFFF => [(byte)(tag >> 8), (byte)tag],
        _ => [(byte)(tag >> 16), (byte)(tag >> 8), (byte)tag],
    };

    /// <summary>Encodes a definite length (short form or 81/82/83).</summary>
    public static byte[] EncodeLength(int length) => length switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(length)),
        < 0x80 => [(byte)length],
        <= 0xFF => [0x81, (byte)length],
        <= 0xFFFF => [0x82, (byte)(length >> 8), (byte)length],
        <= MaxLength => [0x83, (byte)(length >> 16), (byte)(length >> 8), (byte)length],
        _ => throw new ArgumentOutOfRangeException(nameof(length)),
    };

    /// <summary>Encodes one object (tag, minimal definite length, value).</summary>
    public static byte[] Encode(int tag, ReadOnlySpan<byte> value)
    {
        var tagBytes = TagBytes(tag);
        var lengthBytes = EncodeLength(value.Length);
        var result = new byte[tagBytes.Length + lengthBytes.Length + value.Length];
        tagBytes.CopyTo(result, 0);
        lengthBytes.CopyTo(result, tagBytes.Length);
        value.CopyTo(result.AsSpan(tagBytes.Length + lengthBytes.Length));
        return result;
    }

    private static bool IsFiller(ReadOnlySpan<byte> rest) =>
        rest.IndexOfAnyExcept((byte)0x00) < 0 || rest.IndexOfAnyExcept((byte)0xFF) < 0;
}
