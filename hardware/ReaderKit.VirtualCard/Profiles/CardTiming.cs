namespace ReaderKit.VirtualCard.Profiles;

/// <summary>
/// The card's own compute time per command, for the PN532 emulator's timing model. Every figure is an assumption
/// <b>[U]</b>: no public source measures a My Number Card's per-command time. What bounds them is listed in the README
/// (<i>Timing [U]</i>): the frame waiting time the ATQB declares (FWI 10 ≈ 309 ms, FWI 13 ≈ 2.47 s per frame before the card
/// must send S(WTX)) and ReaderKit's own 5 s signature deadline. This record is the one place they live.
/// </summary>
public sealed record CardTiming
{
    /// <summary>The assumed figures (the defaults of every property).</summary>
    public static CardTiming Assumed { get; } = new();

    /// <summary>Commands without a figure of their own (status-only answers, GET DATA of small objects).</summary>
    public TimeSpan Other { get; init; } = TimeSpan.FromMilliseconds(4);

    /// <summary>SELECT (DF or EF).</summary>
    public TimeSpan Select { get; init; } = TimeSpan.FromMilliseconds(6);

    /// <summary>READ BINARY / READ RECORD / GET RESPONSE / GET DATA: fixed part.</summary>
    public TimeSpan ReadBase { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>READ BINARY / READ RECORD / GET RESPONSE / GET DATA: added per 256 bytes asked for (Ne).</summary>
    public TimeSpan ReadPer256Bytes { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Empty VERIFY (retry-counter query).</summary>
    public TimeSpan VerifyQuery { get; init; } = TimeSpan.FromMilliseconds(8);

    /// <summary>VERIFY with a value (counter written to EEPROM).</summary>
    public TimeSpan VerifyWithValue { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>GET CHALLENGE.</summary>
    public TimeSpan GetChallenge { get; init; } = TimeSpan.FromMilliseconds(8);

    /// <summary>RSA-2048 private-key operation (80 2A, INTERNAL AUTHENTICATE, SET SESSION KEY). Longer than FWI 10's FWT: the card needs WTX.</summary>
    public TimeSpan RsaPrivateKey { get; init; } = TimeSpan.FromMilliseconds(900);

    /// <summary>ECDSA P-384 signature (next-generation assumption).</summary>
    public TimeSpan EcdsaSign { get; init; } = TimeSpan.FromMilliseconds(450);

    /// <summary>Read-type commands: <see cref="ReadBase"/> + <see cref="ReadPer256Bytes"/> × Ne / 256.</summary>
    public TimeSpan Read(int ne) => ReadBase + (ReadPer256Bytes * (ne / 256.0));
}
