namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// A byte-faithful PN532 (firmware v1.6) as a host sees it: feed it the host's bytes with <see cref="Receive"/>,
/// take the chip's frames (ACK, responses, error frames) with <see cref="TryTakeFrame"/>. The attachments
/// (Pn532I2cAttachment, Pn532SpiAttachment, Pn532HsuAttachment) add the
/// per-interface byte semantics. Thread-safe; never throws for malformed host input.
/// </summary>
public sealed class Pn532Emulator
{
    private const int TargetNumber = 1;

    private readonly object _gate = new();
    private readonly HostFrameParser _parser = new();
    private readonly LinkedList<OutFrame> _output = new();
    private readonly Dictionary<ushort, byte> _registers = [];
    private readonly HashSet<int> _releasedTargets = [];
    private readonly byte[] _firmware;
    private readonly Pn532CommandSet _commands;

    private byte[]? _lastResponse;
    private PendingPoll? _pendingPoll;
    private bool _sleepAfterResponse;
    private byte _wakeUpEnable;
    private int? _pendingBaud;

    /// <summary>Creates a chip in LowVbat with an empty field.</summary>
    public Pn532Emulator(Pn532EmulatorOptions? options = null)
    {
        options ??= new Pn532EmulatorOptions();
        Timing = options.Timing;
        TimeProvider = options.TimeProvider;
        _firmware = [.. options.FirmwareVersion];
        if (_firmware.Length != 4)
        {
            throw new ArgumentException("The firmware version is IC, Ver, Rev, Support (4 bytes).", nameof(options));
        }

        Field = new RfField();
        Faults = new Pn532Faults();
        _commands = new Pn532CommandSet(this);
        State = new ChipState();
        Field.Changed += OnFieldChanged;
    }

    /// <summary>The RF field: insert or remove the card here.</summary>
    public RfField Field { get; }

    /// <summary>Fault injection.</summary>
    public Pn532Faults Faults { get; }

    /// <summary>The timing model.</summary>
    public Pn532Timing Timing { get; }

    /// <summary>The clock used for ready times.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Current power state.</summary>
    public Pn532PowerState PowerState
    {
        get
        {
            lock (_gate)
            {
                return State.Power;
            }
        }
    }

    /// <summary>HSU baud rate (115200 after reset; SetSerialBaudRate changes it after the host's ACK).</summary>
    public int SerialBaudRate
    {
        get
        {
            lock (_gate)
            {
                return State.SerialBaud;
            }
        }
    }

    /// <summary>Number of host command frames accepted (ACKed) since construction.</summary>
    public int CommandsReceived { get; private set; }

    internal ChipState State { get; private set; }

    internal byte[] FirmwareVersion => _firmware;

    internal Dictionary<ushort, byte> Registers => _registers;

    internal HashSet<int> ReleasedTargets => _releasedTargets;

    /// <summary>
    /// Host → chip bytes. <paramref name="endOfTransaction"/> marks the end of an I2C write or SPI CS-low window:
    /// a frame not complete by then is discarded (HSU passes false: the stream continues).
    /// </summary>
    public void Receive(ReadOnlySpan<byte> bytes, Pn532Interface source, bool endOfTransaction)
    {
        lock (_gate)
        {
            if (State.Power == Pn532PowerState.PowerDown)
            {
                if (!TryWake(source, ref bytes))
                {
                    return;
                }
            }

            var frames = _parser.Feed(bytes);
            if (endOfTransaction)
            {
                _parser.Clear();
            }

            foreach (var frame in frames)
            {
                Handle(frame);
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>True when a frame is queued and its modelled ready time has passed (the I2C/SPI RDY bit).</summary>
    public bool IsReady
    {
        get
        {
            lock (_gate)
            {
                return _output.First is { } head && head.Value.ReadyAt <= TimeProvider.GetTimestamp();
            }
        }
    }

    /// <summary>Takes the head frame if it is ready; null otherwise.</summary>
    public byte[]? TryTakeFrame()
    {
        lock (_gate)
        {
            if (_output.First is not { } head || head.Value.ReadyAt > TimeProvider.GetTimestamp())
            {
                return null;
            }

            _output.RemoveFirst();
            if (head.Value.IsResponse && _sleepAfterResponse)
            {
                _sleepAfterResponse = false;
                EnterPowerDown();
            }

            return head.Value.Bytes;
        }
    }

    /// <summary>The head frame if it is ready, without consuming it (SPI reads it, then consumes on CS rising).</summary>
    internal byte[]? PeekReadyFrame()
    {
        lock (_gate)
        {
            return _output.First is { } head && head.Value.ReadyAt <= TimeProvider.GetTimestamp() ? head.Value.Bytes : null;
        }
    }

    /// <summary>
    /// Waits until a frame is queued (ready or not) or <paramref name="timeout"/> passes; returns the time left until
    /// the head frame is ready (zero when ready now), or null when nothing is queued.
    /// </summary>
    public TimeSpan? WaitForFrame(TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_output.First is null)
            {
                Monitor.Wait(_gate, timeout);
            }

            if (_output.First is not { } head)
            {
                return null;
            }

            long now = TimeProvider.GetTimestamp();
            return head.Value.ReadyAt <= now ? TimeSpan.Zero : TimeProvider.GetElapsedTime(now, head.Value.ReadyAt);
        }
    }

    /// <summary>Power-on reset (reset pin or power glitch): LowVbat, targets, settings and pending frames lost; the card loses power.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            ResetLocked();
            Monitor.PulseAll(_gate);
        }
    }

    private void ResetLocked()
    {
        _parser.Clear();
        _output.Clear();
        _registers.Clear();
        _releasedTargets.Clear();
        _lastResponse = null;
        _pendingPoll = null;
        _sleepAfterResponse = false;
        _pendingBaud = null;
        bool hadField = State.RfFieldOn;
        State = new ChipState();
        if (hadField)
        {
            Field.Card?.FieldOff();
        }
    }

    private bool TryWake(Pn532Interface source, ref ReadOnlySpan<byte> bytes)
    {
        byte bit = source switch
        {
            Pn532Interface.I2c => 0x80,
            Pn532Interface.Spi => 0x20,
            _ => 0x10,
        };
        if ((_wakeUpEnable & bit) == 0)
        {
            return false;
        }

        if (source == Pn532Interface.Hsu)
        {
            // HSU wakes on the 0x55 of the long preamble; bytes before it are lost.
            int i = bytes.IndexOf((byte)0x55);
            if (i < 0)
            {
                return false;
            }

            bytes = bytes[(i + 1)..];
        }

        State.Power = State.PowerBeforeSleep;
        _parser.Clear();
        return true;
    }

    private void EnterPowerDown()
    {
        State.PowerBeforeSleep = State.Power == Pn532PowerState.PowerDown ? Pn532PowerState.Normal : State.Power;
        State.Power = Pn532PowerState.PowerDown;
        SwitchFieldOff();
    }

    internal void SetWakeUpEnable(byte bits) => _wakeUpEnable = bits;

    internal void SwitchFieldOff()
    {
        if (State.RfFieldOn)
        {
            State.RfFieldOn = false;
            State.Target = null;
            Field.Card?.FieldOff();
        }
    }

    private void Handle(HostFrame frame)
    {
        if (Faults.TakeReset())
        {
            ResetLocked();
            return;
        }

        if (Faults.TakeIgnoreFrame())
        {
            return;
        }

        long now = TimeProvider.GetTimestamp();
        switch (frame.Kind)
        {
            case HostFrameKind.Ack:
                // Abort: the running command and any unread answer are dropped.
                _pendingPoll = null;
                _output.Clear();
                _sleepAfterResponse = false;
                if (_pendingBaud is { } baud)
                {
                    State.SerialBaud = baud;
                    _pendingBaud = null;
                }

                break;
            case HostFrameKind.Nack:
                if (_lastResponse is not null)
                {
                    Enqueue(_lastResponse, now, isResponse: true);
                }

                break;
            case HostFrameKind.ChecksumError:
                break;
            case HostFrameKind.SyntaxError:
                _pendingPoll = null;
                _output.Clear();
                _lastResponse = Pn532Frames.ErrorFrame();
                Enqueue(_lastResponse, now, isResponse: true);
                break;
            case HostFrameKind.Command:
                HandleCommand(frame.Data, now);
                break;
        }
    }

    private void HandleCommand(byte[] data, long now)
    {
        CommandsReceived++;
        _pendingPoll = null;
        _output.Clear();
        _sleepAfterResponse = false;
        var (ack, ackFaultDelay) = Faults.TakeAck(Pn532Frames.Ack());
        if (ack is not null)
        {
            Enqueue(ack, Add(now, (Timing.Pacing ? Timing.AckDelay : TimeSpan.Zero) + ackFaultDelay), isResponse: false);
        }

        byte command = data[1];
        var outcome = _commands.Execute(command, data.AsSpan(2));
        Complete(command, outcome, Add(now, Timing.Pacing ? Timing.AckDelay + Timing.CommandOverhead : TimeSpan.Zero));
    }

    private void Complete(byte command, CommandOutcome outcome, long start)
    {
        switch (outcome.Kind)
        {
            case CommandOutcomeKind.Pending:
                _pendingPoll = outcome.Poll;
                return;
            case CommandOutcomeKind.SyntaxError:
                _lastResponse = Pn532Frames.ErrorFrame();
                break;
            default:
                _lastResponse = Pn532Frames.ChipResponse(command, outcome.Payload, (State.Flags & 0x40) == 0);
                break;
        }

        _sleepAfterResponse = outcome.SleepAfterResponse;
        _pendingBaud = outcome.NewBaud ?? _pendingBaud;
        Enqueue(Faults.MutateResponse(_lastResponse), Add(start, Timing.Pacing ? outcome.Duration : TimeSpan.Zero), isResponse: true);
    }

    private void OnFieldChanged(object? sender, EventArgs e)
    {
        lock (_gate)
        {
            if (_pendingPoll is { } poll && Field.Card is not null)
            {
                var outcome = _commands.RetryPoll(poll);
                if (outcome.Kind != CommandOutcomeKind.Pending)
                {
                    _pendingPoll = null;
                    Complete(poll.Command, outcome, TimeProvider.GetTimestamp());
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }

    private void Enqueue(byte[] bytes, long readyAt, bool isResponse)
    {
        // Frames leave in order: a frame is never ready before the one ahead of it.
        if (_output.Last is { } last && last.Value.ReadyAt > readyAt)
        {
            readyAt = last.Value.ReadyAt;
        }

        _output.AddLast(new OutFrame(bytes, readyAt, isResponse));
    }

    private long Add(long timestamp, TimeSpan delay) =>
        timestamp + (long)(delay.Ticks * (TimeProvider.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    private readonly record struct OutFrame(byte[] Bytes, long ReadyAt, bool IsResponse);
}
