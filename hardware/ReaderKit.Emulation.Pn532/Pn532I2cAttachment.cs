using System.Device.I2c;
using System.Diagnostics;

namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// The emulated PN532 on an I2C bus (address 0x24), as an <see cref="I2cDevice"/> that production drivers use
/// unchanged. Every read transaction starts with the status byte (0x01 = RDY). A 1-byte read returns the status only;
/// a longer read while RDY returns <c>01</c> + the head frame and consumes it, padded with 00. A read while not ready
/// returns 00 bytes and consumes nothing. Each write transaction is one frame (a partial frame is discarded).
/// With <see cref="Pn532Timing.Pacing"/> on, each transaction takes the bus time of its bytes plus the address byte.
/// With <see cref="MinimumBusFreeTime"/> set, the chip NAKs its address (an <see cref="IOException"/>, as Linux i2c-dev
/// reports it) when a transaction starts sooner than that after the previous one ended: the reading of the datasheet's
/// tBUF that libnfc applies (5 ms), so a driver can be tested against a chip that needs it.
/// </summary>
public sealed class Pn532I2cAttachment : I2cDevice
{
    /// <summary>The PN532's 7-bit I2C address.</summary>
    public const int DefaultAddress = 0x24;

    private readonly Pn532Emulator _chip;
    private readonly Pacer _pacer = new();
    private readonly I2cConnectionSettings _settings;

    /// <summary>Attaches to <paramref name="chip"/> on bus <paramref name="busId"/>.</summary>
    public Pn532I2cAttachment(Pn532Emulator chip, int busId = 1)
    {
        ArgumentNullException.ThrowIfNull(chip);
        _chip = chip;
        _settings = new I2cConnectionSettings(busId, DefaultAddress);
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings => _settings;

    /// <summary>Raised after every transaction with its direction and bytes (for traces and tests).</summary>
    public event EventHandler<Pn532I2cTransaction>? Transaction;

    /// <summary>Read transactions so far (polls included).</summary>
    public int ReadTransactions { get; private set; }

    /// <summary>Write transactions so far.</summary>
    public int WriteTransactions { get; private set; }

    /// <summary>Transactions refused with an address NAK because they came within <see cref="MinimumBusFreeTime"/>.</summary>
    public int NakedTransactions { get; private set; }

    /// <summary>Idle time the chip needs between a STOP and the next START; zero (default) accepts back-to-back transactions.</summary>
    public TimeSpan MinimumBusFreeTime { get; set; }

    private long _lastStop;

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        long start = Stopwatch.GetTimestamp();
        AddressPhase(start);
        ReadTransactions++;
        if (buffer.IsEmpty)
        {
            return;
        }

        buffer.Clear();
        if (buffer.Length == 1)
        {
            buffer[0] = _chip.IsReady ? (byte)0x01 : (byte)0x00;
        }
        else if (_chip.TryTakeFrame() is { } frame)
        {
            buffer[0] = 0x01;
            int n = Math.Min(frame.Length, buffer.Length - 1);
            frame.AsSpan(0, n).CopyTo(buffer[1..]);
        }

        Pace(start, buffer.Length);
        _lastStop = Stopwatch.GetTimestamp();
        Transaction?.Invoke(this, new Pn532I2cTransaction(IsRead: true, buffer.ToArray()));
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long start = Stopwatch.GetTimestamp();
        AddressPhase(start);
        WriteTransactions++;
        Pace(start, buffer.Length);
        _chip.Receive(buffer, Pn532Interface.I2c, endOfTransaction: true);
        _lastStop = Stopwatch.GetTimestamp();
        Transaction?.Invoke(this, new Pn532I2cTransaction(IsRead: false, buffer.ToArray()));
    }

    /// <inheritdoc />
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override byte ReadByte()
    {
        Span<byte> b = stackalloc byte[1];
        Read(b);
        return b[0];
    }

    private void AddressPhase(long start)
    {
        if (MinimumBusFreeTime > TimeSpan.Zero && _lastStop != 0 && Stopwatch.GetElapsedTime(_lastStop, start) < MinimumBusFreeTime)
        {
            NakedTransactions++;
            Pace(start, 0);
            _lastStop = Stopwatch.GetTimestamp();
            throw new IOException("I2C transfer failed: address 0x24 not acknowledged (EREMOTEIO, bus-free time violated).");
        }
    }

    private void Pace(long start, int bytes)
    {
        if (_chip.Timing.Pacing)
        {
            _pacer.WaitUntil(start, _chip.Timing.LinkTime(bytes + 1));
        }
    }
}

/// <summary>One I2C transaction seen by <see cref="Pn532I2cAttachment"/>: a read (status byte first) or a write.</summary>
public sealed record Pn532I2cTransaction(bool IsRead, byte[] Bytes)
{
    /// <summary>"W 00FF…" / "R7 01…" as in the reference traces.</summary>
    public override string ToString() => IsRead ? $"R{Bytes.Length} {Convert.ToHexString(Bytes)}" : $"W {Convert.ToHexString(Bytes)}";
}
