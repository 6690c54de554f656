namespace ReaderKit.Emulation.Pn532;

/// <summary>Volatile chip state (lost on reset).</summary>
internal sealed class ChipState
{
    public Pn532PowerState Power { get; set; } = Pn532PowerState.LowVbat;

    public Pn532PowerState PowerBeforeSleep { get; set; } = Pn532PowerState.Normal;

    /// <summary>SetParameters flags (0x40 = RemovePrePostAmble).</summary>
    public byte Flags { get; set; }

    public byte SamMode { get; set; } = 0x01;

    public bool RfFieldOn { get; set; }

    public byte MxRtyAtr { get; set; } = 0xFF;

    public byte MxRtyPsl { get; set; } = 0x01;

    /// <summary>Chip default 0xFF: InListPassiveTarget waits for ever.</summary>
    public byte MxRtyPassiveActivation { get; set; } = 0xFF;

    public byte MxRtyCom { get; set; }

    public byte AtrResTimeout { get; set; } = 0x0B;

    /// <summary>InCommunicateThru / retry timeout code (0x0A = 51.2 ms).</summary>
    public byte CommTimeout { get; set; } = 0x0A;

    public int SerialBaud { get; set; } = 115_200;

    public byte LastError { get; set; }

    public byte GpioP3 { get; set; } = 0x3F;

    public byte GpioP7 { get; set; } = 0x06;

    public Target? Target { get; set; }

    /// <summary>ISO 14443-3/-4 state of the card in the field as raw frames see it (null until a card was polled).</summary>
    public TypeBPicc? Picc { get; set; }
}

/// <summary>A Type B target the chip listed (Tg 1).</summary>
internal sealed class Target(int tg, ITypeBCard card, long generation, byte[] atqb)
{
    public int Tg { get; } = tg;

    public ITypeBCard Card { get; } = card;

    public long Generation { get; } = generation;

    public byte[] Atqb { get; } = atqb;

    public bool Deselected { get; set; }

    /// <summary>Rest of an R-APDU longer than one frame (MI).</summary>
    public byte[]? PendingResponse { get; set; }

    /// <summary>C-APDU parts received with MI set in Tg.</summary>
    public List<byte> ChainedCommand { get; } = [];

    public int BlockNumber { get; set; }

    public int Fsc => Pn532Timing.FscFromCode(Atqb.Length >= 11 ? Atqb[10] >> 4 : 8);

    public int Fwi => Atqb.Length >= 12 ? Atqb[11] >> 4 : 4;

    public bool UsesCid => Atqb.Length < 12 || (Atqb[11] & 0x01) != 0;
}

internal enum CommandOutcomeKind
{
    Response,
    SyntaxError,
    Pending,
}

/// <summary>A waiting poll (MxRtyPassiveActivation 0xFF or InAutoPoll 0xFF) that completes when a card enters the field.</summary>
internal sealed record PendingPoll(byte Command, byte[] Parameters);

/// <summary>What a command produced: a response payload (after D5 cmd+1), an error frame, or nothing yet.</summary>
internal sealed record CommandOutcome(CommandOutcomeKind Kind, byte[] Payload, TimeSpan Duration)
{
    public PendingPoll? Poll { get; init; }

    public bool SleepAfterResponse { get; init; }

    public int? NewBaud { get; init; }

    public static CommandOutcome Syntax { get; } = new(CommandOutcomeKind.SyntaxError, [], TimeSpan.Zero);

    public static CommandOutcome Ok(byte[] payload, TimeSpan duration = default) => new(CommandOutcomeKind.Response, payload, duration);

    public static CommandOutcome Status(byte status, TimeSpan duration = default) => new(CommandOutcomeKind.Response, [status], duration);

    public static CommandOutcome Wait(byte command, byte[] parameters) =>
        new(CommandOutcomeKind.Pending, [], TimeSpan.Zero) { Poll = new PendingPoll(command, parameters) };
}
