namespace ReaderKit.Emulation.Pn532;

/// <summary>A PICC as the PN532's RF front end sees it after ISO 14443-3 Type B activation.</summary>
public interface ITypeBCard : IIsoDepCard
{
    /// <summary>12 bytes: 0x50, PUPI[4], AppData[4], ProtInfo[3] (e.g. B3 81 A1: FSC 256, ISO-4, FWI 10).</summary>
    byte[] Atqb { get; }

    /// <summary>ATTRIB response, e.g. { 0x00 } (MBLI/CID byte).</summary>
    byte[] AttribResponse { get; }
}
