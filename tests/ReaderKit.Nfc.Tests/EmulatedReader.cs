using System.Device.Gpio;
using System.IO.Ports;
using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Nfc.Tests;

public enum LinkKind
{
    I2c,
    Spi,
    Hsu,
}

/// <summary>Production driver on top of the emulated PN532 over one of its attachments.</summary>
internal sealed class EmulatedReader : IAsyncDisposable
{
    private readonly List<IDisposable> _extras = [];

    private EmulatedReader(Pn532Emulator emulator, IPn532Link link, Pn532Options? options)
    {
        Emulator = emulator;
        // Generous deadlines: the test machine may be heavily loaded (2 cores, parallel builds).
        Chip = new Pn532(link, options ?? new Pn532Options { AbortDrainTime = TimeSpan.FromMilliseconds(20), AckTimeout = TimeSpan.FromSeconds(1), CommandTimeout = TimeSpan.FromSeconds(5) });
    }

    public Pn532Emulator Emulator { get; }

    public Pn532 Chip { get; }

    public static EmulatedReader Create(LinkKind kind, Pn532Timing? timing = null, Pn532Options? options = null)
    {
        var emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = timing ?? Pn532Timing.Instant });
        switch (kind)
        {
            case LinkKind.I2c:
                var hz = timing is { Pacing: true } t ? t.LinkClockHz : 400_000;
                return new EmulatedReader(emulator, new Pn532I2cLink(new Pn532I2cAttachment(emulator), new Pn532I2cOptions(BusFrequencyHz: hz)), options);
            case LinkKind.Spi:
                var spi = new Pn532SpiAttachment(emulator, clockHz: timing is { Pacing: true } ts ? ts.LinkClockHz : 1_000_000);
                var gpio = new GpioController(spi.ChipSelectDriver);
                var reader = new EmulatedReader(emulator, new Pn532SpiLink(spi, gpio, Pn532SpiAttachment.DefaultChipSelectPin), options);
                reader.Track(gpio);
                return reader;
            default:
                var pty = new Pn532HsuAttachment(emulator, 115_200);
                var port = new SerialPort(pty.SlavePath, 115_200, Parity.None, 8, StopBits.One);
                port.Open();
                var hsu = new EmulatedReader(emulator, new Pn532HsuLink(port), options);
                hsu.Track(pty);
                return hsu;
        }
    }

    /// <summary>The paced timing model of a link (I2C 400 kHz, SPI 1 MHz, HSU 115200).</summary>
    public static Pn532Timing Paced(LinkKind kind) => kind switch
    {
        LinkKind.I2c => Pn532Timing.I2c(400_000),
        LinkKind.Spi => Pn532Timing.Spi(1_000_000),
        _ => Pn532Timing.Uart(115_200),
    };

    public static Dictionary<ushort, byte[]> Files(int size = 20 * 1024) => new() { [0x0001] = TransparentFileCard.Pattern(size) };

    /// <summary>Initialise, activate the card, select EF 0001 and read <paramref name="length"/> bytes in Ne chunks.</summary>
    public static async Task<byte[]> ReadFileAsync(IApduChannel channel, int length, int chunk, CancellationToken ct = default)
    {
        (await channel.TransmitAsync(new CommandApdu(0x00, 0xA4, 0x02, 0x0C, new byte[] { 0x00, 0x01 }), cancellationToken: ct)).EnsureSuccess(new CommandApdu(0, 0xA4, 2, 0xC));
        var data = new byte[length];
        for (var offset = 0; offset < length; offset += chunk)
        {
            var n = Math.Min(chunk, length - offset);
            var response = await channel.TransmitAsync(new CommandApdu(0x00, 0xB0, (byte)(offset >> 8), (byte)offset, ne: n), cancellationToken: ct);
            Assert.True(response.StatusWord.IsSuccess, $"READ BINARY at {offset}: {response.StatusWord}");
            response.Data.Span.CopyTo(data.AsSpan(offset));
        }

        return data;
    }

    public async Task<(TypeBTarget Target, ApduChannel Channel)> ActivateAsync(CancellationToken ct = default)
    {
        var target = await Chip.ListTypeBTargetAsync(ct) ?? throw new InvalidOperationException("no card");
        return (target, new Pn532ApduTransport(Chip, target).CreateChannel(TimeSpan.FromSeconds(5)));
    }

    public void Track(IDisposable extra) => _extras.Add(extra);

    public ValueTask DisposeAsync()
    {
        Chip.Dispose();
        foreach (var e in _extras)
        {
            e.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
