using System.Device.Gpio;
using System.Device.Spi;
using System.Globalization;
using System.Security.Cryptography;

namespace ReaderKit.Nfc;

/// <summary>
/// PN532 over SPI (mode 0, LSB first) with a GPIO-driven chip select: <c>01</c> data write, <c>02</c> status read
/// (bit0 = RDY), <c>03</c> data read. Frames are read in chunks inside one CS-low window (header first, then exactly
/// the announced length). If the bus is configured MSB first, the bits are reversed in software.
/// </summary>
public sealed class Pn532SpiLink : IPn532Link
{
    private const byte DataWrite = 0x01;
    private const byte StatusRead = 0x02;
    private const byte DataRead = 0x03;
    private static readonly int MaxRead = Pn532Frame.WireLength(Pn532Frame.MaxLength) + 8;

    private readonly SpiDevice _device;
    private readonly GpioController _gpio;
    private readonly int _chipSelectPin;
    private readonly Pn532SpiOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _ownsDevice;
    private readonly bool _reverseBits;

    /// <param name="device">The SPI device (mode 0; DataFlow LsbFirst preferred). Its hardware CE line must not be the PN532's SS.</param>
    /// <param name="gpio">Controller of the chip-select pin.</param>
    /// <param name="chipSelectPin">GPIO number wired to the PN532's SS (active low).</param>
    /// <param name="options">Polling options.</param>
    /// <param name="timeProvider">Clock for polling.</param>
    /// <param name="ownsDevice">Dispose <paramref name="device"/> with the link (the controller is never disposed).</param>
    public Pn532SpiLink(SpiDevice device, GpioController gpio, int chipSelectPin, Pn532SpiOptions? options = null, TimeProvider? timeProvider = null, bool ownsDevice = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(gpio);
        _device = device;
        _gpio = gpio;
        _chipSelectPin = chipSelectPin;
        _options = options ?? new Pn532SpiOptions();
        _time = timeProvider ?? TimeProvider.System;
        _ownsDevice = ownsDevice;
        _reverseBits = device.ConnectionSettings.DataFlow != DataFlow.LsbFirst;
        var hz = Math.Max(1, device.ConnectionSettings.ClockFrequency);
        ByteTime = TimeSpan.FromSeconds(8.0 / hz);
        if (!_gpio.IsPinOpen(chipSelectPin))
        {
            _gpio.OpenPin(chipSelectPin, PinMode.Output, PinValue.High);
        }
        else
        {
            _gpio.Write(chipSelectPin, PinValue.High);
        }
    }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"SPI {_device.ConnectionSettings.ClockFrequency / 1000} kHz, CS GPIO {_chipSelectPin}");

    public TimeSpan ByteTime { get; }

    /// <summary>Settings for a real bus: mode 0, LSB first, 1 MHz (libnfc's default), CS line unused by the driver.</summary>
    public static SpiConnectionSettings DefaultSettings(int busId = 0, int hardwareChipSelectLine = 0, int clockHz = 1_000_000) =>
        new(busId, hardwareChipSelectLine) { Mode = SpiMode.Mode0, DataFlow = DataFlow.LsbFirst, ClockFrequency = clockHz, DataBitLength = 8 };

    /// <summary>Opens <c>/dev/spidev<paramref name="busId"/>.x</c> and uses <paramref name="chipSelectPin"/> of <paramref name="gpio"/> as SS.</summary>
    public static Pn532SpiLink Open(GpioController gpio, int chipSelectPin, int busId = 0, int clockHz = 1_000_000, Pn532SpiOptions? options = null) =>
        new(SpiDevice.Create(DefaultSettings(busId, 0, clockHz)), gpio, chipSelectPin, options);

    public async Task WakeUpAsync(CancellationToken cancellationToken)
    {
        _gpio.Write(_chipSelectPin, PinValue.Low);
        try
        {
            await LinkTiming.DelayAsync(_time, TimeSpan.FromMilliseconds(2), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gpio.Write(_chipSelectPin, PinValue.High);
        }

        await LinkTiming.DelayAsync(_time, TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
    }

    public Task WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var buffer = new byte[frame.Length + 1];
        try
        {
            buffer[0] = DataWrite;
            frame.Span.CopyTo(buffer.AsSpan(1));
            Selected(() => Write(buffer));
        }
        finally
        {
            // The frame may carry card data (a VERIFY value); the caller zeroes its own copy.
            CryptographicOperations.ZeroMemory(buffer);
        }

        return Task.CompletedTask;
    }

    public async Task<byte[]> ReadFrameAsync(int sizeHint, CancellationToken cancellationToken)
    {
        var interval = _options.Poll;
        while (!IsReady())
        {
            await LinkTiming.DelayAsync(_time, interval, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, _options.MaxPoll.Ticks));
        }

        return Selected(() =>
        {
            // Header first, then exactly what LEN announces (chunked read inside one CS window).
            Write([DataRead]);
            var frame = Read(6);
            for (var round = 0; round < 3; round++)
            {
                var probe = Pn532Frame.Parse(frame);
                if (probe.Status != Pn532ParseStatus.Incomplete || probe.Needed > MaxRead)
                {
                    break;
                }

                frame = [.. frame, .. Read(probe.Needed - frame.Length)];
            }

            return frame;
        });
    }

    public void DiscardInput()
    {
        // Nothing is buffered host-side on SPI.
    }

    public void Dispose()
    {
        if (_ownsDevice)
        {
            _device.Dispose();
        }
    }

    private bool IsReady() => Selected(() =>
    {
        Write([StatusRead]);
        return (Read(1)[0] & 0x01) != 0;
    });

    private T Selected<T>(Func<T> body)
    {
        _gpio.Write(_chipSelectPin, PinValue.Low);
        try
        {
            return body();
        }
        catch (IOException ex)
        {
            throw new Pn532LinkException($"SPI transfer failed: {ex.Message}", ex);
        }
        finally
        {
            _gpio.Write(_chipSelectPin, PinValue.High);
        }
    }

    private void Selected(Action body) => Selected(() =>
    {
        body();
        return 0;
    });

    private void Write(byte[] data)
    {
        if (!_reverseBits)
        {
            _device.Write(data);
            return;
        }

        var reversed = (byte[])data.Clone();
        try
        {
            LinkTiming.ReverseBits(reversed);
            _device.Write(reversed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(reversed);
        }
    }

    private byte[] Read(int count)
    {
        var data = new byte[count];
        _device.Read(data);
        if (_reverseBits)
        {
            LinkTiming.ReverseBits(data);
        }

        return data;
    }
}
