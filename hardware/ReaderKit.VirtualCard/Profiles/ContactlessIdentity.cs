namespace ReaderKit.VirtualCard.Profiles;

/// <summary>
/// What a card shows before any APDU: the ATQB application data and protocol info, and from them the PC/SC
/// contactless pseudo-ATR (<c>3B 88 80 01</c> + application data + protocol info + MBLI/CID + TCK). Every variant is an ATR
/// that pcsc-tools' <c>smartcard_list.txt</c> lists for the My Number Card; none of them identifies the card (identify it by
/// a successful SELECT of an AID).
/// </summary>
/// <param name="Name">Stable name (used by profiles and the simulator).</param>
/// <param name="ApplicationData">ATQB application data, 4 bytes.</param>
/// <param name="ProtocolInfo">ATQB protocol info, 3 bytes (<c>B3 81 A1</c>: 106–424 kbit/s, FSC 256, ISO 14443-4, FWI 10, CID).</param>
/// <param name="Source">Where the ATR is published.</param>
public sealed record ContactlessIdentity(string Name, byte[] ApplicationData, byte[] ProtocolInfo, string Source)
{
    /// <summary>
    /// <c>3B 88 80 01 00 00 05 E0 B3 81 A1 00 7F</c>: FWI 10 (FWT ≈ 309 ms), listed since 2020 with a link to jpki/myna. The
    /// default.
    /// </summary>
    public static ContactlessIdentity Fwi10Listed2020 { get; } = new(
        "fwi10-2020", [0x00, 0x00, 0x05, 0xE0], [0xB3, 0x81, 0xA1], "pcsc-tools smartcard_list.txt (entry added 2020)");

    /// <summary><c>3B 88 80 01 00 00 41 E0 B3 81 A1 00 3B</c>: FWI 10, the oldest listed My Number Card contactless ATR (2018).</summary>
    public static ContactlessIdentity Fwi10Listed2018 { get; } = new(
        "fwi10-2018", [0x00, 0x00, 0x41, 0xE0], [0xB3, 0x81, 0xA1], "pcsc-tools smartcard_list.txt (entry added 2018)");

    /// <summary>
    /// <c>3B 88 80 01 00 4B 51 FF B3 81 D1 00 0F</c>: FWI 13 (FWT ≈ 2.47 s), listed since 2024. Cards with FWI 10 are the older
    /// frame-waiting-time variant.
    /// </summary>
    public static ContactlessIdentity Fwi13Listed2024 { get; } = new(
        "fwi13-2024", [0x00, 0x4B, 0x51, 0xFF], [0xB3, 0x81, 0xD1], "pcsc-tools smartcard_list.txt (entry added 2024)");

    /// <summary>Every published variant.</summary>
    public static IReadOnlyList<ContactlessIdentity> All { get; } = [Fwi10Listed2020, Fwi10Listed2018, Fwi13Listed2024];

    /// <summary>Frame waiting time integer (high nibble of the third protocol-info byte).</summary>
    public int Fwi => ProtocolInfo[2] >> 4;

    /// <summary>The PC/SC pseudo-ATR for this identity with the given ATTRIB MBLI/CID byte.</summary>
    public byte[] PseudoAtr(byte attribMbliCid)
    {
        byte[] atr = [0x3B, 0x88, 0x80, 0x01, .. ApplicationData, .. ProtocolInfo, attribMbliCid, 0x00];
        byte tck = 0;
        for (var i = 1; i < atr.Length - 1; i++)
        {
            tck ^= atr[i];
        }

        atr[^1] = tck;
        return atr;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Convert.ToHexString(PseudoAtr(0))})";
}
