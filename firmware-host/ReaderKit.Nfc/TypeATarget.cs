namespace ReaderKit.Nfc;

/// <summary>
/// An ISO/IEC 14443-3 Type A card activated by InListPassiveTarget (BrTy 0x00, 106 kbps): its SENS_RES (ATQA), SEL_RES
/// (SAK), NFCID1 (UID) and, for an ISO/IEC 14443-4 card, the ATS the chip obtained with RATS itself (UM0701 §7.3.5; the
/// entry layout as <c>nfc-tools/libnfc:libnfc/chips/pn53x.c</c> decodes it: the ATS length byte TL counts itself).
/// </summary>
public sealed record TypeATarget : IsoDepTarget
{
    /// <summary>SAK bit 6 (0x20): the card is ISO/IEC 14443-4 compliant (ISO/IEC 14443-3 §6.5.3.4).</summary>
    public const byte SakIso14443Part4 = 0x20;

    private static readonly int[] FrameSizes = [16, 24, 32, 40, 48, 64, 96, 128, 256, 512, 1024, 2048, 4096];

    private TypeATarget(byte tg, byte[] atqa, byte sak, byte[] uid, byte[] ats)
        : base(tg)
    {
        Atqa = atqa;
        Sak = sak;
        Uid = uid;
        Ats = ats;
    }

    /// <inheritdoc/>
    public override IsoDepTechnology Technology => IsoDepTechnology.TypeA;

    /// <summary>SENS_RES (ATQA), the two bytes as the chip reports them.</summary>
    public byte[] Atqa { get; }

    /// <summary>SEL_RES (SAK) of the last cascade level.</summary>
    public byte Sak { get; }

    /// <summary>NFCID1 (4, 7 or 10 bytes).</summary>
    public byte[] Uid { get; }

    /// <summary>The whole ATS including its length byte TL; empty when the chip reported none.</summary>
    public byte[] Ats { get; }

    /// <summary>SAK bit 0x20: the card speaks ISO/IEC 14443-4 (and so carries APDUs).</summary>
    public bool IsIso14443Part4 => (Sak & SakIso14443Part4) != 0;

    /// <summary>A single-size UID starting with 0x08 is a random ID chosen at each activation (ISO/IEC 14443-3 §6.4.4).</summary>
    public bool HasRandomUid => Uid.Length == 4 && Uid[0] == 0x08;

    /// <summary>Format byte T0 (ATS byte 1), or null when there is no ATS or it is only TL.</summary>
    public byte? FormatByte => Ats.Length >= 2 ? Ats[1] : null;

    /// <summary>FSCI: T0 low nibble (ISO/IEC 14443-4 default 2 = 32 bytes when T0 is absent).</summary>
    public int FrameSizeIndex => FormatByte is { } t0 ? t0 & 0x0F : 2;

    /// <inheritdoc/>
    /// <remarks>Codes above 0xC are RFU and read as 4096.</remarks>
    public override int MaxFrameSize => FrameSizes[Math.Min(FrameSizeIndex, FrameSizes.Length - 1)];

    /// <summary>Interface byte TA(1) (bit rates), when present.</summary>
    public byte? Ta => InterfaceByte(0x10);

    /// <summary>Interface byte TB(1) (FWI high nibble, SFGI low nibble), when present.</summary>
    public byte? Tb => InterfaceByte(0x20);

    /// <summary>Interface byte TC(1) (bit 1: CID supported, bit 0: NAD supported), when present.</summary>
    public byte? Tc => InterfaceByte(0x40);

    /// <inheritdoc/>
    /// <remarks>TB(1) high nibble; ISO/IEC 14443-4 default 4 when TB(1) is absent.</remarks>
    public override int Fwi => Tb is { } tb ? tb >> 4 : 4;

    /// <summary>Start-up frame guard time integer (TB(1) low nibble; default 0).</summary>
    public int Sfgi => Tb is { } tb ? tb & 0x0F : 0;

    /// <summary>CID supported (TC(1) bit 1; ISO/IEC 14443-4 default: supported when TC(1) is absent).</summary>
    public bool SupportsCid => Tc is not { } tc || (tc & 0x02) != 0;

    /// <summary>NAD supported (TC(1) bit 0; default: not supported).</summary>
    public bool SupportsNad => Tc is { } tc && (tc & 0x01) != 0;

    /// <summary>The historical bytes (after T0 and the interface bytes T0 announces).</summary>
    public ReadOnlyMemory<byte> HistoricalBytes
    {
        get
        {
            if (FormatByte is not { } t0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            var start = 2 + (((t0 & 0x10) != 0) ? 1 : 0) + (((t0 & 0x20) != 0) ? 1 : 0) + (((t0 & 0x40) != 0) ? 1 : 0);
            return start < Ats.Length ? Ats.AsMemory(start) : ReadOnlyMemory<byte>.Empty;
        }
    }

    /// <summary>
    /// Parses one target entry of an InListPassiveTarget 106 kbps Type A answer:
    /// <c>Tg SENS_RES[2] SEL_RES NFCIDLength NFCID1… [ATS…]</c> (the ATS, when present, starts with TL, which counts itself).
    /// Does not judge the SAK: see <see cref="IsIso14443Part4"/>.
    /// </summary>
    /// <exception cref="Pn532ProtocolException">The entry is truncated, the UID length is not 4/7/10, or TL disagrees with the bytes.</exception>
    public static TypeATarget Parse(ReadOnlySpan<byte> entry, out int consumed)
    {
        if (entry.Length < 5)
        {
            throw new Pn532ProtocolException($"Malformed Type A target entry ({entry.Length} bytes).");
        }

        int uidLength = entry[4];
        if (uidLength is not (4 or 7 or 10) || entry.Length < 5 + uidLength)
        {
            throw new Pn532ProtocolException($"Type A target entry: NFCID1 length {uidLength} with {entry.Length} bytes.");
        }

        var rest = entry[(5 + uidLength)..];
        byte[] ats = [];
        if (!rest.IsEmpty)
        {
            int tl = rest[0];
            if (tl < 1 || tl > rest.Length)
            {
                throw new Pn532ProtocolException($"Type A target entry: ATS length byte {tl} with {rest.Length} ATS bytes.");
            }

            ats = rest[..tl].ToArray();
        }

        consumed = 5 + uidLength + ats.Length;
        return new TypeATarget(entry[0], entry.Slice(1, 2).ToArray(), entry[3], entry.Slice(5, uidLength).ToArray(), ats);
    }

    public override string ToString() =>
        $"Type A Tg {TargetNumber}, ATQA {Convert.ToHexString(Atqa)}, SAK {Sak:X2}, UID {Uid.Length} bytes, FSC {MaxFrameSize}, FWI {Fwi} ({FrameWaitingTime.TotalMilliseconds:0.#} ms), ISO-4 {IsIso14443Part4}";

    private byte? InterfaceByte(int presenceBit)
    {
        if (FormatByte is not { } t0 || (t0 & presenceBit) == 0)
        {
            return null;
        }

        var position = 2;
        for (var bit = 0x10; bit < presenceBit; bit <<= 1)
        {
            if ((t0 & bit) != 0)
            {
                position++;
            }
        }

        return position < Ats.Length ? Ats[position] : null;
    }
}
