using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

/// <summary>Options of <see cref="Pn532ApduTransport"/>.</summary>
public sealed record Pn532TransportOptions
{
    /// <summary>
    /// Largest Ne READ BINARY callers should ask for (exposed as <see cref="IApduChannel.MaxResponseDataLength"/> through
    /// <see cref="ApduChannel"/>). 256 was measured fastest: one extended PN532 frame per APDU, no MI round (see README).
    /// </summary>
    public int RecommendedMaxNe { get; init; } = 256;

    /// <summary>
    /// The Ne offered for extended-length READ BINARY (<see cref="IApduChannel.MaxExtendedResponseDataLength"/>); 0 turns
    /// extended length off. Used only for a card that declared extended Lc/Le and has not refused it
    /// (<c>ReaderKit.Card</c>). The answer comes back MI-chained in PN532 frames of ≤ 262 bytes. 1024 by measurement: beyond it
    /// each doubling saves 1–3 % of the read's floor while one APDU holds the link up to ≈ 1 s (README, Decisions).
    /// </summary>
    public int ExtendedMaxNe { get; init; } = DefaultExtendedMaxNe;

    /// <summary>Default of <see cref="ExtendedMaxNe"/>.</summary>
    public const int DefaultExtendedMaxNe = 1024;

    /// <summary>
    /// Run ISO-DEP in the driver (<see cref="Pn532IsoDepTransport"/>): after the chip's activation the card is
    /// deselected and re-activated by the driver's own WUPB + ATTRIB through InCommunicateThru with
    /// <see cref="IsoDepFrameSizeIndex"/>, so the card answers in frames of up to 256 bytes instead of the chip's 64.
    /// <see cref="Pn532ApduTransport.OpenAsync"/> falls back to the chip's ISO-DEP when the card or chip does not go along.
    /// </summary>
    public bool OwnIsoDep { get; init; } = true;

    /// <summary>FSDI the driver announces in its ATTRIB (8 = 256 bytes, the ISO/IEC 14443-3 maximum before the 2016 extensions).</summary>
    public int IsoDepFrameSizeIndex { get; init; } = 8;

    /// <summary>Most S(WTX) rounds one exchange may take (each also bounded by the exchange's deadline).</summary>
    public int MaxWaitingTimeExtensions { get; init; } = 32;

    /// <summary>Most R(NAK)/R(ACK) recovery frames one block may take before the exchange fails.</summary>
    public int MaxBlockRecoveries { get; init; } = 3;

    /// <summary>Lower bound of the deadline of ordinary commands (the caller's timeout is raised to this).</summary>
    public TimeSpan MinimumTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Lower bound of the deadline of on-card signing and authentication (RSA/ECDSA, FWT up to 2.5 s + WTX).</summary>
    public TimeSpan SlowCommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Instructions that compute on the card: PSO (2A), INTERNAL AUTHENTICATE (88), GENERAL AUTHENTICATE (86/87).</summary>
    public IReadOnlySet<byte> SlowInstructions { get; init; } = new HashSet<byte> { 0x2A, 0x86, 0x87, 0x88 };
}
