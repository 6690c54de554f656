namespace ReaderKit.VirtualCard.Profiles;

/// <summary>
/// What a phone shows before any APDU when it presents the JPKI applet over ISO/IEC 14443 Type A: ATQA, SAK and the ATS
/// it answers to RATS, and from them the PC/SC pseudo-ATR for an ISO/IEC 14443-4 Type A card (<c>3B 8n 80 01</c> + the
/// ATS historical bytes + TCK, PC/SC part 3). The UID is random per activation (<c>08</c> + 3 random bytes).
/// </summary>
/// <param name="Name">Stable name.</param>
/// <param name="Atqa">SENS_RES as the PN532 reports it (2 bytes).</param>
/// <param name="Sak">SEL_RES (bit 0x20 = ISO/IEC 14443-4).</param>
/// <param name="Ats">ATS including TL.</param>
/// <param name="Source">Where the values come from.</param>
public sealed record TypeAIdentity(string Name, byte[] Atqa, byte Sak, byte[] Ats, string Source)
{
    /// <summary>
    /// ATQA <c>00 04</c>, SAK <c>20</c>, random 4-byte UID, ATS <c>05 78 80 70 02</c> (FSC 256, TA 80, FWI 7 ≈ 38.7 ms, CID,
    /// no historical bytes) [R]: the InListPassiveTarget answer of an iPhone in card emulation logged by a public PN532 driver
    /// (<c>01 01 00 04 20 04 08 6B F6 01 05 78 80 70 02</c>) and nfcpy's default RATS answer for card emulation. Whether a
    /// phone's JPKI applet (Android secure element, iPhone) answers with these values is [U].
    /// </summary>
    public static TypeAIdentity PhoneCardEmulation { get; } = new(
        "phone-typea", [0x00, 0x04], 0x20, [0x05, 0x78, 0x80, 0x70, 0x02],
        "a public PN532 driver's log of an iPhone (InListPassiveTarget answer); nfcpy default RATS_RES");

    /// <summary>Frame waiting time integer (TB(1) high nibble; 4 when TB(1) is absent).</summary>
    public int Fwi
    {
        get
        {
            if (Ats.Length < 2 || (Ats[1] & 0x20) == 0)
            {
                return 4;
            }

            var position = 2 + ((Ats[1] & 0x10) != 0 ? 1 : 0);
            return position < Ats.Length ? Ats[position] >> 4 : 4;
        }
    }

    /// <summary>The ATS historical bytes.</summary>
    public byte[] HistoricalBytes
    {
        get
        {
            if (Ats.Length < 2)
            {
                return [];
            }

            var t0 = Ats[1];
            var start = 2 + ((t0 & 0x10) != 0 ? 1 : 0) + ((t0 & 0x20) != 0 ? 1 : 0) + ((t0 & 0x40) != 0 ? 1 : 0);
            return start < Ats.Length ? Ats[start..] : [];
        }
    }

    /// <summary>
    /// The PC/SC pseudo-ATR of an ISO/IEC 14443-4 Type A card: <c>3B 8n 80 01</c>, the n historical bytes, TCK (XOR of the
    /// bytes after TS). With no historical bytes: <c>3B 80 80 01 01</c>.
    /// </summary>
    public byte[] PseudoAtr()
    {
        var historical = HistoricalBytes;
        byte[] atr = [0x3B, (byte)(0x80 | historical.Length), 0x80, 0x01, .. historical, 0x00];
        byte tck = 0;
        for (var i = 1; i < atr.Length - 1; i++)
        {
            tck ^= atr[i];
        }

        atr[^1] = tck;
        return atr;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (ATQA {Convert.ToHexString(Atqa)}, SAK {Sak:X2}, ATS {Convert.ToHexString(Ats)})";
}
