namespace ReaderKit.Nfc;

/// <summary>PN532 firmware identification (GetFirmwareVersion: IC, Ver, Rev, Support).</summary>
public sealed record Pn532FirmwareVersion(byte Ic, byte Version, byte Revision, byte Support)
{
    /// <summary>IC code of a PN532.</summary>
    public const byte Pn532Ic = 0x32;

    public bool IsPn532 => Ic == Pn532Ic;

    public bool SupportsTypeA => (Support & 0x01) != 0;

    public bool SupportsTypeB => (Support & 0x02) != 0;

    public override string ToString() => $"IC 0x{Ic:X2} v{Version}.{Revision} support 0x{Support:X2}";
}
