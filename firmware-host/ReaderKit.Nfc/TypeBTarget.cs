namespace ReaderKit.Nfc;

/// <summary>
/// An ISO 14443-3 Type B card activated by InListPassiveTarget (BrTy 0x03): its ATQB decoded per ISO/IEC 14443-3
/// §7.9 and the ATTRIB answer.
/// </summary>
public sealed record TypeBTarget : IsoDepTarget
{
    private static readonly int[] FrameSizes = [16, 24, 32, 40, 48, 64, 96, 128, 256, 512, 1024, 2048, 4096];

    private TypeBTarget(byte tg, byte[] atqb, byte[] attribResponse)
        : base(tg)
    {
        Atqb = atqb;
        AttribResponse = attribResponse;
    }

    /// <inheritdoc/>
    public override IsoDepTechnology Technology => IsoDepTechnology.TypeB;

    /// <summary>The 12-byte ATQB (starts with 0x50).</summary>
    public byte[] Atqb { get; }

    /// <summary>Answer to ATTRIB (byte 0: MBLI high nibble, CID low nibble).</summary>
    public byte[] AttribResponse { get; }

    /// <summary>Pseudo-unique PICC identifier (4 bytes; random on privacy-preserving cards).</summary>
    public ReadOnlyMemory<byte> Pupi => Atqb.AsMemory(1, 4);

    public ReadOnlyMemory<byte> ApplicationData => Atqb.AsMemory(5, 4);

    /// <summary>The three protocol-info bytes, e.g. B3 81 A1.</summary>
    public ReadOnlyMemory<byte> ProtocolInfo => Atqb.AsMemory(9, 3);

    /// <summary>Bit-rate capability byte (ProtInfo 1).</summary>
    public byte BitRateCapability => Atqb[9];

    /// <summary>FSCI (high nibble of ProtInfo 2).</summary>
    public int FrameSizeIndex => Atqb[10] >> 4;

    /// <summary>Maximum frame size the card accepts (FSC, bytes). Codes above 0xC are RFU and read as 4096.</summary>
    public override int MaxFrameSize => FrameSizes[Math.Min(FrameSizeIndex, FrameSizes.Length - 1)];

    /// <summary>Protocol type bit: the card is ISO/IEC 14443-4 compliant.</summary>
    public bool IsIso14443Part4 => (Atqb[10] & 0x01) != 0;

    /// <summary>Frame waiting time integer (high nibble of ProtInfo 3).</summary>
    public override int Fwi => Atqb[11] >> 4;

    /// <summary>Card supports NAD (FO bit 2).</summary>
    public bool SupportsNad => (Atqb[11] & 0x02) != 0;

    /// <summary>Card supports CID (FO bit 1).</summary>
    public bool SupportsCid => (Atqb[11] & 0x01) != 0;

    /// <summary>MBLI from the ATTRIB answer (0 when absent).</summary>
    public int MaxBufferLengthIndex => AttribResponse.Length > 0 ? AttribResponse[0] >> 4 : 0;

    /// <summary>CID the card acknowledged in its ATTRIB answer.</summary>
    public int Cid => AttribResponse.Length > 0 ? AttribResponse[0] & 0x0F : 0;

    /// <summary>
    /// Parses one target entry of an InListPassiveTarget Type B answer: <c>Tg ATQB[12] ATTRIB_RES_len ATTRIB_RES…</c>.
    /// </summary>
    /// <exception cref="Pn532ProtocolException">The entry is truncated or the ATQB does not start with 0x50.</exception>
    public static TypeBTarget Parse(ReadOnlySpan<byte> entry, out int consumed)
    {
        if (entry.Length < 14 || entry[1] != 0x50)
        {
            throw new Pn532ProtocolException($"Malformed Type B target entry ({entry.Length} bytes).");
        }

        int attribLength = entry[13];
        if (entry.Length < 14 + attribLength)
        {
            throw new Pn532ProtocolException("Type B target entry: ATTRIB answer truncated.");
        }

        consumed = 14 + attribLength;
        return new TypeBTarget(entry[0], entry.Slice(1, 12).ToArray(), entry.Slice(14, attribLength).ToArray());
    }

    public override string ToString() => $"Type B Tg {TargetNumber}, FSC {MaxFrameSize}, FWI {Fwi} ({FrameWaitingTime.TotalMilliseconds:0.#} ms), ISO-4 {IsIso14443Part4}";
}
