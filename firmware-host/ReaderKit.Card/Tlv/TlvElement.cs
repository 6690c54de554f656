namespace ReaderKit.Card.Tlv;

/// <summary>
/// One BER-TLV object located inside a buffer: where it starts, how long its header is and how
/// long its value is. Offsets are relative to the buffer that was parsed.
/// </summary>
/// <param name="Tag">The tag bytes as a big-endian number (e.g. 0xFF20, 0xDF21, 0x7F21, 0x5F37).</param>
/// <param name="Start">Offset of the first tag byte.</param>
/// <param name="HeaderLength">Tag plus length bytes.</param>
/// <param name="Length">Value length.</param>
public readonly record struct TlvElement(int Tag, int Start, int HeaderLength, int Length)
{
    /// <summary>Offset of the first value byte.</summary>
    public int ValueStart => Start + HeaderLength;

    /// <summary>Offset one past the last value byte.</summary>
    public int End => ValueStart + Length;

    /// <summary>Header plus value.</summary>
    public int TotalLength => HeaderLength + Length;

    /// <summary>True for constructed tags (bit 6 of the first tag byte).</summary>
    public bool IsConstructed => (FirstTagByte & 0x20) != 0;

    private byte FirstTagByte => (byte)(Tag > 0xFFFF ? Tag >> 16 : Tag > 0xFF ? Tag >> 8 : Tag);

    /// <summary>The value bytes in <paramref name="buffer"/>.</summary>
    public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> buffer) => buffer.Slice(ValueStart, Length);

    /// <summary>The whole object (tag, length and value) in <paramref name="buffer"/>.</summary>
    public ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> buffer) => buffer.Slice(Start, TotalLength);

    public override string ToString() => $"{Tag:X} @{Start} len {Length}";
}
