namespace ReaderKit.Nfc;

/// <summary>Kind of a frame found on a PN532 link.</summary>
public enum Pn532FrameKind
{
    /// <summary><c>00 00 FF 00 FF 00</c>: command accepted (chip→host) or abort (host→chip).</summary>
    Ack,

    /// <summary><c>00 00 FF FF 00 00</c>: "send the last frame again".</summary>
    Nack,

    /// <summary>Normal or extended information frame; <see cref="Pn532ParseResult.Data"/> holds TFI + PD.</summary>
    Information,

    /// <summary><c>00 00 FF 01 FF 7F 81 00</c>: application-level (syntax) error frame.</summary>
    Error,
}
