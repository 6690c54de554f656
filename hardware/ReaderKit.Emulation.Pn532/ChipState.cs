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

/// <summary>A target the chip listed (Tg 1): a Type B card (ATQB) or an ISO-DEP Type A card (UID + ATS).</summary>
internal sealed class Target
{
    /// <summary>A Type B target from its ATQB.</summary>
    public Target(int tg, ITypeBCard card, long generation, byte[] atqb)
    {
        Tg = tg;
        Card = card;
        Generation = generation;
        Atqb = atqb;
        Identity = atqb.Length >= 5 ? atqb[1..5] : [];
        Fsc = Pn532Timing.FscFromCode(atqb.Length >= 11 ? atqb[10] >> 4 : 8);
        Fwi = atqb.Length >= 12 ? atqb[11] >> 4 : 4;
        UsesCid = atqb.Length < 12 || (atqb[11] & 0x01) != 0;
    }

    /// <summary>A Type A target from its UID and ATS (ISO/IEC 14443-4 defaults for absent interface bytes).</summary>
    public Target(int tg, ITypeACard card, long generation, byte[] uid, byte[] ats)
    {
        Tg = tg;
        Card = card;
        Generation = generation;
        Atqb = [];
        Identity = uid;
        IsTypeA = true;
        byte t0 = ats.Length >= 2 ? ats[1] : (byte)0x02;
        int position = 2 + ((t0 & 0x10) != 0 ? 1 : 0);
        byte? tb = (t0 & 0x20) != 0 && position < ats.Length ? ats[position] : null;
        position += (t0 & 0x20) != 0 ? 1 : 0;
        byte? tc = (t0 & 0x40) != 0 && position < ats.Length ? ats[position] : null;
        Fsc = Pn532Timing.FscFromCode(t0 & 0x0F);
        Fwi = tb is { } b ? b >> 4 : 4;
        UsesCid = tc is not { } c || (c & 0x02) != 0;
    }

    public int Tg { get; }

    public IIsoDepCard Card { get; }

    public long Generation { get; }

    /// <summary>The ATQB of a Type B target (empty for Type A).</summary>
    public byte[] Atqb { get; }

    /// <summary>PUPI (Type B) or UID (Type A): what InSelect compares.</summary>
    public byte[] Identity { get; }

    public bool IsTypeA { get; }

    public bool Deselected { get; set; }

    /// <summary>Rest of an R-APDU longer than one frame (MI).</summary>
    public byte[]? PendingResponse { get; set; }

    /// <summary>C-APDU parts received with MI set in Tg.</summary>
    public List<byte> ChainedCommand { get; } = [];

    public int BlockNumber { get; set; }

    public int Fsc { get; }

    public int Fwi { get; }

    public bool UsesCid { get; }
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
