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

/// <summary>
/// Raw APDU transport over a PN532 to one activated ISO 14443-4 card (Type A or Type B). Wrap it in <see cref="ApduChannel"/>
/// for 61xx/6Cxx handling. Thread-safe (the chip runs one command at a time); every exchange has a deadline
/// (at least 3 s — by default 5 s — for on-card signing); errors are <see cref="CardTransportException"/> subclasses.
/// </summary>
public sealed class Pn532ApduTransport : IApduTransport
{
    private readonly Pn532 _chip;
    private readonly Pn532TransportOptions _options;

    public Pn532ApduTransport(Pn532 chip, IsoDepTarget target, Pn532TransportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(target);
        _chip = chip;
        Target = target;
        _options = options ?? new Pn532TransportOptions();
    }

    /// <summary>The card this transport talks to.</summary>
    public IsoDepTarget Target { get; }

    /// <summary>Recommended Ne + SW1 SW2. Longer answers (extended Le) still work: the driver follows MI chaining.</summary>
    public int MaxResponseLength => _options.RecommendedMaxNe + 2;

    /// <summary><see cref="Pn532TransportOptions.ExtendedMaxNe"/> + SW1 SW2, or 0 when it is 256 or less.</summary>
    public int MaxExtendedResponseLength => _options.ExtendedMaxNe > CommandApdu.MaxShortNe ? Math.Min(_options.ExtendedMaxNe, CommandApdu.MaxExtendedNe) + 2 : 0;

    public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (command.Length < 4)
        {
            throw new MalformedApduException($"A command APDU needs at least 4 bytes, got {command.Length}.");
        }

        var expected = ExpectedResponseLength(command.Span);
        var floor = _options.SlowInstructions.Contains(command.Span[1]) ? _options.SlowCommandTimeout : _options.MinimumTimeout;
        var deadline = timeout > floor ? timeout : floor;
        var response = await _chip.DataExchangeAsync(Target.TargetNumber, command, expected, deadline, cancellationToken).ConfigureAwait(false);
        if (response.Length < 2)
        {
            throw new Pn532ProtocolException($"The card answered {response.Length} byte(s); a response APDU needs SW1 SW2.");
        }

        return response;
    }

    /// <summary>
    /// The transport for a freshly listed <paramref name="target"/>: the driver's own ISO-DEP when
    /// <see cref="Pn532TransportOptions.OwnIsoDep"/> is on and the card takes the driver's ATTRIB
    /// (<see cref="Pn532IsoDepTransport.TryActivateAsync"/>), otherwise the chip's (this class). The own ISO-DEP is for
    /// Type B only: a Type A target (a phone) always gets the chip's. Dispose the result (<see cref="IAsyncDisposable"/>)
    /// before releasing the target: the own session ends with S(DESELECT).
    /// </summary>
    public static async Task<IApduTransport> OpenAsync(Pn532 chip, IsoDepTarget target, Pn532TransportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new Pn532TransportOptions();
        if (options.OwnIsoDep && target is TypeBTarget typeB
            && await Pn532IsoDepTransport.TryActivateAsync(chip, typeB, options, cancellationToken).ConfigureAwait(false) is { } own)
        {
            return own;
        }

        return new Pn532ApduTransport(chip, target, options);
    }

    /// <summary>Builds a channel (61xx/6Cxx handling) over this transport.</summary>
    public ApduChannel CreateChannel(TimeSpan? defaultTimeout = null) => new(this, defaultTimeout);

    /// <summary>Ne + SW from the length fields only (the command data, possibly a secret, is not copied).</summary>
    private static int ExpectedResponseLength(ReadOnlySpan<byte> command) =>
        CommandApdu.TryReadNe(command, out var ne) ? (ne ?? 0) + 2 : 2;
}
