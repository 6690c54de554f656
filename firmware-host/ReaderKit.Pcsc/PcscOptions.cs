namespace ReaderKit.Pcsc;

/// <summary>Options of the PC/SC transport (<see cref="PcscCardConnection"/>).</summary>
public sealed record PcscOptions
{
    /// <summary>
    /// Largest Ne READ BINARY callers should ask for; 256 (short APDUs) works on every CCID contactless reader. The answer of a
    /// short APDU fits one CCID exchange.
    /// </summary>
    public int RecommendedMaxNe { get; init; } = 256;

    /// <summary>
    /// The Ne offered for extended-length READ BINARY (only to a card that declared extended Lc/Le); 0 (default) turns extended
    /// length off, because not every contactless reader firmware passes extended APDUs [U].
    /// </summary>
    public int ExtendedMaxNe { get; init; }

    /// <summary>Lower bound of the deadline of ordinary commands (the caller's timeout is raised to this), as on the PN532 path.</summary>
    public TimeSpan MinimumTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Lower bound of the deadline of on-card signing and authentication, as on the PN532 path.</summary>
    public TimeSpan SlowCommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Instructions that compute on the card: PSO (2A), INTERNAL AUTHENTICATE (88), GENERAL AUTHENTICATE (86/87).</summary>
    public IReadOnlySet<byte> SlowInstructions { get; init; } = new HashSet<byte> { 0x2A, 0x86, 0x87, 0x88 };

    /// <summary>
    /// How long disposing a connection waits for an abandoned <c>SCardTransmit</c> (one whose deadline passed) to return before it
    /// gives up on SCardDisconnect (pcsc-lite serialises calls on a handle, so it would block behind it).
    /// </summary>
    public TimeSpan AbandonedTransmitWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After a transmit failed in a way that may have reached the card, how long to watch the reader for the card's removal
    /// (bounded further by the exchange's deadline): a card that left is <c>CardRemoved</c>, one still present is outcome unknown.
    /// pcscd polls presence every 400 ms for readers without interrupt notification.
    /// </summary>
    public TimeSpan RemovalSettleTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(RecommendedMaxNe, 1, nameof(RecommendedMaxNe));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecommendedMaxNe, 256, nameof(RecommendedMaxNe));
        ArgumentOutOfRangeException.ThrowIfNegative(ExtendedMaxNe, nameof(ExtendedMaxNe));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinimumTimeout, TimeSpan.Zero, nameof(MinimumTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SlowCommandTimeout, TimeSpan.Zero, nameof(SlowCommandTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(AbandonedTransmitWait, TimeSpan.Zero, nameof(AbandonedTransmitWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(RemovalSettleTime, TimeSpan.Zero, nameof(RemovalSettleTime));
    }
}
