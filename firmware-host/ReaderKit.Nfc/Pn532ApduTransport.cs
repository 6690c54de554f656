using ReaderKit.Apdu;

namespace ReaderKit.Nfc;

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
