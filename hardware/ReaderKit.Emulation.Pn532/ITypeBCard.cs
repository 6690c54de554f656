namespace ReaderKit.Emulation.Pn532;

/// <summary>A PICC as the PN532's RF front end sees it after ISO 14443-3 Type B activation.</summary>
public interface ITypeBCard
{
    /// <summary>12 bytes: 0x50, PUPI[4], AppData[4], ProtInfo[3] (e.g. B3 81 A1: FSC 256, ISO-4, FWI 10).</summary>
    byte[] Atqb { get; }

    /// <summary>ATTRIB response, e.g. { 0x00 } (MBLI/CID byte).</summary>
    byte[] AttribResponse { get; }

    /// <summary>One whole C-APDU in, one whole R-APDU (data + SW1 SW2) out. Never throws on bad input: answers with an SW.</summary>
    byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu);

    /// <summary>Card compute time for this command, for the timing model (≈5–15 ms reads, ≈0.5–1.5 s RSA signing).</summary>
    TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu);

    /// <summary>S(DESELECT) / InRelease: security state cleared.</summary>
    void Deselect();

    /// <summary>RF field off or card removed: all volatile state cleared.</summary>
    void FieldOff();
}
