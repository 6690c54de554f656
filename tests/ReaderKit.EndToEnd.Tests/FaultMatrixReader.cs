using System.Device.Gpio;
using System.IO.Ports;
using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;
using ReaderKit.Nfc;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>The three host links of the PN532, as the fault matrix names them.</summary>
public enum MatrixLink
{
    I2c,
    Spi,
    Hsu,
}

/// <summary>Which ISO-DEP carries the APDUs: the PN532's own (InDataExchange, FSD 64) or the driver's (InCommunicateThru, FSD 256).</summary>
public enum MatrixIsoDep
{
    Chip,
    Own,
}

/// <summary>
/// The production PN532 driver over one link of an unpaced emulated chip, with short deadlines so that a fault that
/// costs a deadline costs little: the ACK window is <see cref="AckWindow"/>, the faulted APDU gets <see cref="FaultedApduDeadline"/>.
/// </summary>
internal sealed class FaultMatrixReader : IAsyncDisposable
{
    /// <summary>The driver's ACK window (only chip-local commands resend after it).</summary>
    public static readonly TimeSpan AckWindow = TimeSpan.FromMilliseconds(30);

    /// <summary>Deadline of the faulted APDU (a deaf chip or a lost command costs this much).</summary>
    public static readonly TimeSpan FaultedApduDeadline = TimeSpan.FromMilliseconds(150);

    /// <summary>Deadline of every other APDU: generous, so that load never moves where a fault lands.</summary>
    public static readonly TimeSpan ApduDeadline = TimeSpan.FromSeconds(3);

    /// <summary>How long the "host stalls past the ACK window" fault holds the ACK: past the window, within the deadline.</summary>
    public static readonly TimeSpan Stall = TimeSpan.FromMilliseconds(60);

    /// <summary>How often rig setup (initialise, list, activate) is tried before the row fails.</summary>
    private const int SetupAttempts = 10;

    private readonly List<IDisposable> _extras = [];
    private bool _initialized;

    private FaultMatrixReader(Pn532Emulator emulator, IPn532Link link, Pn532Options? options)
    {
        Emulator = emulator;
        Chip = new Pn532(link, options ?? new Pn532Options
        {
            AckTimeout = AckWindow,
            AbortDrainTime = TimeSpan.FromMilliseconds(10),
            CommandTimeout = TimeSpan.FromSeconds(2),
        });
    }

    public Pn532Emulator Emulator { get; }

    public Pn532 Chip { get; }

    /// <param name="kind">The link.</param>
    /// <param name="options">Driver options; null = the matrix's short ACK window and deadlines.</param>
    public static FaultMatrixReader Create(MatrixLink kind, Pn532Options? options = null)
    {
        var emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = Pn532Timing.Instant });
        switch (kind)
        {
            case MatrixLink.I2c:
                return new FaultMatrixReader(emulator, new Pn532I2cLink(new Pn532I2cAttachment(emulator), new Pn532I2cOptions(BusFrequencyHz: 400_000)), options);
            case MatrixLink.Spi:
                var spi = new Pn532SpiAttachment(emulator, clockHz: 1_000_000);
                var gpio = new GpioController(spi.ChipSelectDriver);
                var spiReader = new FaultMatrixReader(emulator, new Pn532SpiLink(spi, gpio, Pn532SpiAttachment.DefaultChipSelectPin), options);
                spiReader._extras.Add(gpio);
                return spiReader;
            default:
                var pty = new Pn532HsuAttachment(emulator, 115_200);
                var port = new SerialPort(pty.SlavePath, 115_200, Parity.None, 8, StopBits.One);
                port.Open();
                var hsu = new FaultMatrixReader(emulator, new Pn532HsuLink(port), options);
                hsu._extras.Add(pty);
                return hsu;
        }
    }

    /// <summary>
    /// Puts <paramref name="card"/> alone in the field and activates it; the chip is initialised first when it has not
    /// been yet or lost its state (a reset fault). Rig setup, not under test: a transient link error on a loaded machine
    /// is retried.
    /// </summary>
    public async Task<TypeBTarget> PresentAsync(ITypeBCard card)
    {
        Emulator.Faults.Clear();
        Emulator.Field.Remove();
        Emulator.Field.Insert(card);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!_initialized || Emulator.PowerState != Pn532PowerState.Normal)
                {
                    await Chip.InitializeAsync();
                    _initialized = true;
                }

                if (await Chip.ListTypeBTargetAsync() is { } target)
                {
                    return target;
                }

                _initialized = false;
            }
            catch (CardTransportException) when (attempt < SetupAttempts)
            {
                _initialized = false;
            }

            if (attempt >= SetupAttempts)
            {
                throw new InvalidOperationException("no Type B card could be activated");
            }

            // A loaded machine (the HSU bytes cross threads through a pty) can miss the matrix's short ACK window several
            // times in a row: give it a moment before the next try.
            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
        }
    }

    /// <summary>
    /// Presents <paramref name="card"/> and opens the production APDU transport over it. Rig setup, not under test: when
    /// opening fails on the link (a missed ACK on a loaded machine), or the driver's own ISO-DEP was asked for but its
    /// activation fell back to the chip's (a transient link error during ATTRIB), the card is presented again, so that the
    /// row runs on the ISO-DEP it names. Faults are armed only after this, by the APDU index under test.
    /// </summary>
    public async Task<IApduTransport> OpenAsync(ITypeBCard card, Pn532TransportOptions options)
    {
        for (var attempt = 1; ; attempt++)
        {
            var target = await PresentAsync(card);
            IApduTransport transport;
            try
            {
                transport = await Pn532ApduTransport.OpenAsync(Chip, target, options);
            }
            catch (CardTransportException) when (attempt < SetupAttempts)
            {
                _initialized = false;
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
                continue;
            }

            if (!options.OwnIsoDep || transport is Pn532IsoDepTransport || attempt >= SetupAttempts)
            {
                return transport;
            }

            if (transport is IAsyncDisposable session)
            {
                await session.DisposeAsync();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
        }
    }

    public ValueTask DisposeAsync()
    {
        Chip.Dispose();
        foreach (var extra in _extras)
        {
            extra.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
