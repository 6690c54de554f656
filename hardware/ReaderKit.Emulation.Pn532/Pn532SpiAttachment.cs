using System.Device.Gpio;
using System.Device.Spi;
using System.Diagnostics;

namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// The emulated PN532 on SPI (mode 0), as an <see cref="SpiDevice"/> plus a chip-select line served by
/// <see cref="ChipSelectDriver"/> (a <see cref="GpioDriver"/> for a <see cref="GpioController"/>). A transaction is
/// CS falling → op byte (01 data write, 02 status read, 03 data read) → data → CS rising. Bytes clocked while CS is
/// high are ignored. The frame read with 03 is consumed on the CS rising edge. The PN532 shifts LSB first: with
/// <see cref="DataFlow.MsbFirst"/> settings the chip sees (and answers) every byte bit-reversed, as real hardware does.
/// </summary>
public sealed class Pn532SpiAttachment : SpiDevice
{
    /// <summary>GPIO number of the chip-select line in <see cref="ChipSelectDriver"/> (BCM 8 = CE0 on a Pi).</summary>
    public const int DefaultChipSelectPin = 8;

    private readonly Pn532Emulator _chip;
    private readonly Pacer _pacer = new();
    private readonly SpiConnectionSettings _settings;
    private readonly object _gate = new();
    private bool _selected;
    private int _op = -1;
    private readonly List<byte> _written = [];
    private byte[]? _readFrame;
    private int _readIndex;

    /// <summary>
    /// Attaches to <paramref name="chip"/>; <paramref name="dataFlow"/> is the host controller's bit order;
    /// <paramref name="clockHz"/> (pacing rate) defaults to the chip's SPI timing clock, else 1 MHz.
    /// </summary>
    public Pn532SpiAttachment(Pn532Emulator chip, DataFlow dataFlow = DataFlow.LsbFirst, int? clockHz = null, int chipSelectPin = DefaultChipSelectPin)
    {
        ArgumentNullException.ThrowIfNull(chip);
        _chip = chip;
        _settings = new SpiConnectionSettings(0, -1)
        {
            Mode = SpiMode.Mode0,
            DataFlow = dataFlow,
            ClockFrequency = clockHz ?? (chip.Timing.Link == Pn532Link.Spi ? chip.Timing.LinkClockHz : 1_000_000),
        };
        ChipSelectDriver = new Pn532ChipSelectDriver(this, chipSelectPin);
    }

    /// <summary>The GPIO driver whose pin <see cref="Pn532ChipSelectDriver.ChipSelectPin"/> is the PN532's NSS (active low).</summary>
    public Pn532ChipSelectDriver ChipSelectDriver { get; }

    /// <inheritdoc />
    public override SpiConnectionSettings ConnectionSettings => _settings;

    /// <summary>Completed CS-low windows.</summary>
    public int Transactions { get; private set; }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        Span<byte> b = stackalloc byte[1];
        Read(b);
        return b[0];
    }

    /// <inheritdoc />
    public override void Read(Span<byte> buffer)
    {
        long start = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = Clock(0x00);
            }
        }

        Pace(start, buffer.Length);
    }

    /// <inheritdoc />
    public override void WriteByte(byte value) => Write([value]);

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long start = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (byte b in buffer)
            {
                Clock(b);
            }
        }

        Pace(start, buffer.Length);
    }

    /// <inheritdoc />
    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length != readBuffer.Length)
        {
            throw new ArgumentException("Full-duplex buffers must have the same length.", nameof(readBuffer));
        }

        long start = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            for (int i = 0; i < writeBuffer.Length; i++)
            {
                readBuffer[i] = Clock(writeBuffer[i]);
            }
        }

        Pace(start, writeBuffer.Length);
    }

    /// <summary>Drives NSS: <paramref name="low"/> true selects the chip (falling edge), false ends the transaction.</summary>
    internal void SetChipSelect(bool low)
    {
        lock (_gate)
        {
            if (low == _selected)
            {
                return;
            }

            _selected = low;
            if (low)
            {
                _op = -1;
                _written.Clear();
                _readFrame = null;
                _readIndex = 0;
                return;
            }

            Transactions++;
            if (_op == 0x01)
            {
                _chip.Receive(_written.ToArray(), Pn532Interface.Spi, endOfTransaction: true);
            }
            else if (_op == 0x03 && _readFrame is not null && _readIndex > 0)
            {
                _chip.TryTakeFrame();
            }

            _op = -1;
        }
    }

    // One byte on MOSI in, one byte on MISO out (host view).
    private byte Clock(byte mosi)
    {
        if (!_selected)
        {
            return 0x00;
        }

        bool reverse = _settings.DataFlow == DataFlow.MsbFirst;
        byte inChip = reverse ? Reverse(mosi) : mosi;
        byte outChip = 0x00;
        if (_op < 0)
        {
            _op = inChip;
            if (_op == 0x03)
            {
                _readFrame = _chip.PeekReadyFrame();
                _readIndex = 0;
            }
        }
        else if (_op == 0x01)
        {
            _written.Add(inChip);
        }
        else if (_op == 0x02)
        {
            outChip = _chip.IsReady ? (byte)0x01 : (byte)0x00;
        }
        else if (_op == 0x03)
        {
            if (_readFrame is not null && _readIndex < _readFrame.Length)
            {
                outChip = _readFrame[_readIndex];
            }

            _readIndex++;
        }

        return reverse ? Reverse(outChip) : outChip;
    }

    private static byte Reverse(byte b)
    {
        int r = 0;
        for (int i = 0; i < 8; i++)
        {
            r = (r << 1) | ((b >> i) & 1);
        }

        return (byte)r;
    }

    private void Pace(long start, int bytes)
    {
        if (_chip.Timing.Pacing && bytes > 0)
        {
            _pacer.WaitUntil(start, TimeSpan.FromTicks((long)Math.Round((double)bytes * 8 / _settings.ClockFrequency * TimeSpan.TicksPerSecond)));
        }
    }
}
