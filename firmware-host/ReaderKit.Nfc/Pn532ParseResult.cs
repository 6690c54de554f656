namespace ReaderKit.Nfc;

/// <summary>
/// One result of <see cref="Pn532Frame.Parse"/>. <see cref="Start"/> is the index of the <c>00 FF</c> start code,
/// <see cref="End"/> the index just after the frame (after DCS; the optional postamble is not consumed) or, for
/// <see cref="Pn532ParseStatus.NoStartCode"/>/<see cref="Pn532ParseStatus.BadLengthChecksum"/>, how many bytes may be skipped.
/// <see cref="Needed"/> is the buffer length that would complete an <see cref="Pn532ParseStatus.Incomplete"/> frame.
/// </summary>
public readonly record struct Pn532ParseResult(Pn532ParseStatus Status, Pn532FrameKind Kind, int Start, int End, int Needed, byte[]? Data);
