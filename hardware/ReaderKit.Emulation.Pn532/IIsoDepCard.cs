namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// A PICC that speaks ISO/IEC 14443-4 once activated, whatever its RF technology: what the PN532's InDataExchange reaches.
/// Its activation data comes from <see cref="ITypeBCard"/> or <see cref="ITypeACard"/>.
/// </summary>
public interface IIsoDepCard
{
    /// <summary>One whole C-APDU in, one whole R-APDU (data + SW1 SW2) out. Never throws on bad input: answers with an SW.</summary>
    byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu);

    /// <summary>Card compute time for this command, for the timing model (≈5–15 ms reads, ≈0.5–1.5 s RSA signing).</summary>
    TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu);

    /// <summary>S(DESELECT) / InRelease: security state cleared.</summary>
    void Deselect();

    /// <summary>RF field off or card removed: all volatile state cleared.</summary>
    void FieldOff();
}
