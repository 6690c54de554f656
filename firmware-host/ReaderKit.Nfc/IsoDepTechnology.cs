namespace ReaderKit.Nfc;

/// <summary>The ISO/IEC 14443 RF technology an ISO-DEP card was activated with (both at 106 kbps on a PN532).</summary>
public enum IsoDepTechnology
{
    /// <summary>ISO/IEC 14443 Type A (InListPassiveTarget BrTy 0x00): phones' JPKI, most card emulation.</summary>
    TypeA,

    /// <summary>ISO/IEC 14443 Type B (InListPassiveTarget BrTy 0x03): the My Number Card.</summary>
    TypeB,
}
