namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// A PICC as the PN532's RF front end sees it after ISO/IEC 14443-3 Type A activation (REQA/anticollision/SELECT) and,
/// when <see cref="Sak"/> has bit 0x20, RATS. A card whose SAK lacks 0x20 is listed but never reached by InDataExchange.
/// </summary>
public interface ITypeACard : IIsoDepCard
{
    /// <summary>SENS_RES (ATQA), two bytes as the PN532 reports them (e.g. <c>00 04</c>).</summary>
    byte[] Atqa { get; }

    /// <summary>SEL_RES (SAK) of the last cascade level (bit 0x20 = ISO/IEC 14443-4 compliant).</summary>
    byte Sak { get; }

    /// <summary>NFCID1: 4, 7 or 10 bytes (a single-size UID starting 0x08 is random per activation).</summary>
    byte[] Uid { get; }

    /// <summary>The ATS answered to RATS, including its length byte TL (e.g. <c>05 78 80 70 02</c>).</summary>
    byte[] Ats { get; }
}
