namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// Status (error) codes in the low six bits of the PN532's status byte (UM0701-02 §7.1, libnfc, nfcpy — same values).
/// Which situation produces which code is marked in the README; the [U] choices are kept here as data so they can be
/// corrected in one place.
/// </summary>
public static class Pn532Status
{
    /// <summary>Success.</summary>
    public const byte Ok = 0x00;

    /// <summary>Timeout: the target did not answer (card removed, no card, unknown raw frame).</summary>
    public const byte Timeout = 0x01;

    /// <summary>CRC error detected by the CIU.</summary>
    public const byte CrcError = 0x02;

    /// <summary>Parity error.</summary>
    public const byte ParityError = 0x03;

    /// <summary>RF buffer overflow.</summary>
    public const byte RfBufferOverflow = 0x09;

    /// <summary>RF protocol error.</summary>
    public const byte RfProtocolError = 0x0B;

    /// <summary>Internal buffer overflow.</summary>
    public const byte BufferOverflow = 0x0E;

    /// <summary>Invalid parameter (range or format).</summary>
    public const byte InvalidParameter = 0x10;

    /// <summary>Format error during RF communication (ISO 14443-4 block format).</summary>
    public const byte RfFormatError = 0x13;

    /// <summary>MIFARE authentication error.</summary>
    public const byte MifareAuthError = 0x14;

    /// <summary>Invalid DEP state: used for a target that was deselected (InDeselect) and not reselected [U].</summary>
    public const byte InvalidDepState = 0x25;

    /// <summary>Command not acceptable in the current context: unknown Tg, no target listed, LowVbat [U].</summary>
    public const byte WrongContext = 0x27;

    /// <summary>Target released by the initiator: used for a Tg that InRelease released [U].</summary>
    public const byte Released = 0x29;

    /// <summary>Type B: card ID mismatch (a different card is in the field).</summary>
    public const byte CardIdMismatch = 0x2A;

    /// <summary>Type B: the previously activated card has disappeared.</summary>
    public const byte CardDisappeared = 0x2B;

    /// <summary>Status bit 6: more information (the rest of the card's answer follows on the next InDataExchange).</summary>
    public const byte MoreInformation = 0x40;

    /// <summary>Status bit 7: NAD present.</summary>
    public const byte NadPresent = 0x80;
}
