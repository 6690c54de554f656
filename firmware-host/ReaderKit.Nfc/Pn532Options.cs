namespace ReaderKit.Nfc;

/// <summary>Chip-layer tuning for <see cref="Pn532"/>. Defaults suit a real PN532 v1.6 on any link.</summary>
public sealed record Pn532Options
{
    /// <summary>
    /// Time the chip gets to ACK a command, on top of the frame's own wire time. A real PN532 ACKs within ~1 ms (nfcpy
    /// waits 100 ms, 1.5 s for USB UARTs on a Pi); 500 ms keeps loaded hosts from resending chip-local commands
    /// needlessly. For a card-data command (InDataExchange, InCommunicateThru) the window only ends the wait for the ACK
    /// as such: the driver keeps reading for a late ACK or the answer until the command's deadline and never resends.
    /// </summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often a chip-local command (configuration, InListPassiveTarget, InRelease …) is sent when no ACK comes back.
    /// Card-data commands are always sent once.
    /// </summary>
    public int CommandAttempts { get; init; } = 3;

    /// <summary>How many NACKs (resend requests) one response may take before it is a protocol error.</summary>
    public int MaxResends { get; init; } = 4;

    /// <summary>Deadline of chip-local commands (configuration, release, list).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to drain stale frames after an abort.</summary>
    public TimeSpan AbortDrainTime { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>MxRtyPassiveActivation: activation attempts per InListPassiveTarget (0xFF would poll for ever; never used).</summary>
    public byte PassiveActivationRetries { get; init; } = 0x02;

    /// <summary>MxRtyCOM: how often the chip retries an InDataExchange whose target did not answer.</summary>
    public byte CommunicationRetries { get; init; }

    /// <summary>RFConfiguration item 2, third byte: InCommunicateThru timeout code (0x0A = 51.2 ms).</summary>
    public byte CommunicateThruTimeoutCode { get; init; } = 0x0A;
}
