using System.Device.Gpio;
using System.Diagnostics;
using System.IO.Ports;
using Iot.Device.Card;
using Iot.Device.Pn532.ListPassive;
using Iot.Device.Pn532.RfConfiguration;
using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Records;
using ReaderKit.Emulation.Pn532;
using ReaderKit.Nfc;
using ReaderKit.Nfc.Tests;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>Sends one C-APDU, returns the whole R-APDU (data + SW).</summary>
internal delegate Task<byte[]> ApduSender(byte[] command);

/// <summary>A host link as the benchmark builds it on the emulator.</summary>
internal sealed record Pn532LinkSetup(string Name, Pn532Timing Timing, Func<Pn532Emulator, Pn532LinkHandle> CreateOurs, Func<Pn532Emulator, Iot.Device.Pn532.Pn532>? CreateStock, string Driver = "readerkit")
{
    public bool StockSupported => CreateStock is not null;
}

/// <summary>Our link plus whatever must live as long as it (pty, GPIO controller).</summary>
internal sealed record Pn532LinkHandle(IPn532Link Link, params IDisposable[] Extras) : IDisposable
{
    public void Dispose()
    {
        foreach (var e in Extras)
        {
            e.Dispose();
        }
    }
}

/// <summary>
/// A card plus what to run against it: <paramref name="Script"/> (raw APDUs in chunks, for the stock driver) and
/// <paramref name="Production"/> (ReaderKit's own card layer over the channel: what the tap does). Both read the same
/// files in the same order and compare every byte.
/// </summary>
internal sealed record Pn532Scenario(string Name, Func<ITypeBCard> CreateCard, Func<ApduSender, int, Task<int>> Script, int? StockChunk, Func<CardSession, ITypeBCard, Task> Production);

internal static class Pn532Scenarios
{
    public static IReadOnlyList<Pn532LinkSetup> Links { get; } =
    [
        new("I2C 100 kHz", Pn532Timing.I2c(100_000), e => OursOverI2c(e, 100_000), e => new Iot.Device.Pn532.Pn532(new Pn532I2cAttachment(e))),
        new("I2C 400 kHz", Pn532Timing.I2c(400_000), e => OursOverI2c(e, 400_000), e => new Iot.Device.Pn532.Pn532(new Pn532I2cAttachment(e))),
        new("SPI 1 MHz", Pn532Timing.Spi(1_000_000), OursOverSpi, StockOverSpi),
        new("I2C 100 kHz", Pn532Timing.I2c(100_000), e => OursOverI2c(e, 100_000, chipBusFree: TimeSpan.FromMilliseconds(5)), null, "readerkit-chip-tbuf5ms"),
        new("I2C 400 kHz", Pn532Timing.I2c(400_000), e => OursOverI2c(e, 400_000, chipBusFree: TimeSpan.FromMilliseconds(5)), null, "readerkit-chip-tbuf5ms"),
        new("HSU 115200", Pn532Timing.Uart(115_200), OursOverHsu, null),
    ];

    /// <summary>Our I2C link; <paramref name="chipBusFree"/> makes the emulated chip NAK transactions that come sooner (libnfc's tBUF reading).</summary>
    private static Pn532LinkHandle OursOverI2c(Pn532Emulator emulator, int hz, TimeSpan? chipBusFree = null) =>
        new(new Pn532I2cLink(new Pn532I2cAttachment(emulator) { MinimumBusFreeTime = chipBusFree ?? TimeSpan.Zero }, new Pn532I2cOptions(BusFrequencyHz: hz)));

    private static Pn532LinkHandle OursOverHsu(Pn532Emulator emulator)
    {
        var pty = new Pn532HsuAttachment(emulator, 115_200);
        var port = new SerialPort(pty.SlavePath, 115_200, Parity.None, 8, StopBits.One);
        port.Open();
        return new(new Pn532HsuLink(port), pty);
    }

    private static Pn532LinkHandle OursOverSpi(Pn532Emulator emulator)
    {
        var spi = new Pn532SpiAttachment(emulator, clockHz: 1_000_000);
        var gpio = new GpioController(spi.ChipSelectDriver);
        return new(new Pn532SpiLink(spi, gpio, Pn532SpiAttachment.DefaultChipSelectPin), gpio);
    }

    private static Iot.Device.Pn532.Pn532 StockOverSpi(Pn532Emulator emulator)
    {
        var spi = new Pn532SpiAttachment(emulator, clockHz: 1_000_000);
        return new Iot.Device.Pn532.Pn532(spi, Pn532SpiAttachment.DefaultChipSelectPin, new GpioController(spi.ChipSelectDriver), shouldDispose: true);
    }

    public static IReadOnlyList<Pn532Scenario> Workloads(bool quick)
    {
        var size = quick ? 4 * 1024 : 20 * 1024;
        return
        [
            new(
                $"read-{size / 1024}KiB",
                () => new TransparentFileCard(new() { [0x0001] = TransparentFileCard.Pattern(size), [BasicInfoFile] = DeclaringBasicInfo }),
                async (send, chunk) => (await ReadTlvFileAsync(send, BasicInfoFile, chunk).ConfigureAwait(false)).Apdus + await ReadTransparentAsync(send, 0x0001, size, chunk).ConfigureAwait(false),
                0xFA,
                (session, _) => ReadTransparentAsync(session, 0x0001, size)),
            new("surface-AP", () => SurfaceAp.CreateCard(), SurfaceAp.ReadAsync, 0xFA, SurfaceAp.ReadAsync),
        ];
    }

    /// <summary>The transparent-file card's basic-information record (surface AP EF 0003 layout): declares extended Lc/Le.</summary>
    public const ushort BasicInfoFile = 0x0003;

    /// <summary><c>FF30 { DF31 06 03 0E 01 }</c>, byte 1 = 03 as on every card seen.</summary>
    public static readonly byte[] DeclaringBasicInfo = [0xFF, 0x30, 0x07, 0xDF, 0x31, 0x04, 0x06, 0x03, 0x0E, 0x01];

    /// <summary>What the tap does: the basic-information record first (it decides the Le), then the file; every byte compared.</summary>
    private static async Task ReadTransparentAsync(CardSession session, ushort fid, int size)
    {
        var info = await session.ReadBasicInfoAsync(BasicInfoFile, ApBasicInfo.SurfaceAp, CancellationToken.None).ConfigureAwait(false);
        if (!info.AsSpan().SequenceEqual(DeclaringBasicInfo))
        {
            throw new InvalidDataException("Basic-information record mismatch.");
        }

        var data = await session.ReadFixedFileAsync(fid, size, CancellationToken.None).ConfigureAwait(false);
        if (!data.AsSpan().SequenceEqual(TransparentFileCard.Pattern(size)))
        {
            throw new InvalidDataException($"Data mismatch ({data.Length} bytes read).");
        }
    }

    /// <summary>SELECT EF by FID then READ BINARY in <paramref name="chunk"/>-byte pieces; verifies the content.</summary>
    /// <summary>Reads a whole BER-TLV-wrapped EF: the first chunk tells the length, the rest follows in chunks.</summary>
    public static async Task<(byte[] Data, int Apdus)> ReadTlvFileAsync(ApduSender send, ushort fid, int chunk)
    {
        Expect(await send([0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(fid >> 8), (byte)fid]).ConfigureAwait(false), 0);
        var first = await send(new CommandApdu(0x00, 0xB0, 0, 0, ne: chunk).ToArray()).ConfigureAwait(false);
        if (first.Length < 4 || first[^2] is not (0x90 or 0x62))
        {
            throw new InvalidDataException($"READ BINARY of EF {fid:X4} failed.");
        }

        var total = TlvLength(first.AsSpan(0, first.Length - 2));
        using var data = new MemoryStream();
        data.Write(first.AsSpan(0, Math.Min(first.Length - 2, total)));
        var apdus = 2;
        while (data.Length < total)
        {
            var offset = (int)data.Length;
            var n = Math.Min(chunk, total - offset);
            var answer = await send(new CommandApdu(0x00, 0xB0, (byte)(offset >> 8), (byte)offset, ne: n).ToArray()).ConfigureAwait(false);
            apdus++;
            Expect(answer, n);
            data.Write(answer.AsSpan(0, n));
        }

        return (data.ToArray(), apdus);
    }

    /// <summary>Total length (header + value) of the BER-TLV at the start of <paramref name="tlv"/>.</summary>
    public static int TlvLength(ReadOnlySpan<byte> tlv)
    {
        var i = (tlv[0] & 0x1F) == 0x1F ? 2 : 1;
        int length = tlv[i++];
        if (length > 0x80)
        {
            var count = length & 0x7F;
            length = 0;
            for (var k = 0; k < count; k++)
            {
                length = (length << 8) | tlv[i++];
            }
        }

        return i + length;
    }

    public static async Task<int> ReadTransparentAsync(ApduSender send, ushort fid, int size, int chunk)
    {
        var select = await send([0x00, 0xA4, 0x02, 0x0C, 0x02, (byte)(fid >> 8), (byte)fid]).ConfigureAwait(false);
        Expect(select, 0);
        var expected = TransparentFileCard.Pattern(size);
        var apdus = 1;
        for (var offset = 0; offset < size; offset += chunk)
        {
            var n = Math.Min(chunk, size - offset);
            var command = new CommandApdu(0x00, 0xB0, (byte)(offset >> 8), (byte)offset, ne: n).ToArray();
            var answer = await send(command).ConfigureAwait(false);
            apdus++;
            Expect(answer, n);
            if (!answer.AsSpan(0, n).SequenceEqual(expected.AsSpan(offset, n)))
            {
                throw new InvalidDataException($"Data mismatch at offset {offset}.");
            }
        }

        return apdus;
    }

    public static void Expect(byte[] answer, int dataLength)
    {
        if (answer.Length != dataLength + 2 || answer[^2] != 0x90 || answer[^1] != 0x00)
        {
            throw new InvalidDataException($"Unexpected answer: {answer.Length} bytes, SW {(answer.Length >= 2 ? Convert.ToHexString(answer[^2..]) : "-")}.");
        }
    }

    /// <summary>The driver name of a run with extended length off (today's short-Le behaviour).</summary>
    public const string Ne256Suffix = "-ne256";

    /// <summary>The driver name of a run with the driver's own ISO-DEP (FSD 256 through InCommunicateThru).</summary>
    public const string OwnIsoDepSuffix = "-own-isodep";

    /// <summary>The driver name of a run with the chip's ISO-DEP (FSD 64, InDataExchange) and extended Le.</summary>
    public const string ChipIsoDepSuffix = "-chip-isodep";

    /// <summary>
    /// One run of ReaderKit's driver. With <paramref name="chunk"/> null it runs the production card layer
    /// (<see cref="Pn532Scenario.Production"/>) with <paramref name="extendedMaxNe"/> as the transport's extended Ne
    /// (0 = short Le only, the <c>readerkit-ne256</c> row); with a chunk, the raw script.
    /// </summary>
    /// <param name="ownIsoDep">The driver's own ISO-DEP (true), the chip's (false), or the transport's default (null).</param>
    public static async Task<Pn532Row> RunReaderKitAsync(Pn532LinkSetup setup, Pn532Scenario scenario, int? chunk, Func<IPn532Link, IPn532Link>? decorate = null, int extendedMaxNe = Pn532TransportOptions.DefaultExtendedMaxNe, string? driver = null, bool? ownIsoDep = null)
    {
        var emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = setup.Timing });
        var inner = scenario.CreateCard();
        var card = new RecordingTypeBCard(inner);
        emulator.Field.Insert(card);
        using var handle = setup.CreateOurs(emulator);
        using var chip = new ReaderKit.Nfc.Pn532(decorate?.Invoke(handle.Link) ?? handle.Link, ownsLink: true);
        await chip.InitializeAsync().ConfigureAwait(false);
        var target = await chip.ListTypeBTargetAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("No card activated.");
        var defaults = new Pn532TransportOptions();
        var options = defaults with { ExtendedMaxNe = extendedMaxNe, OwnIsoDep = ownIsoDep ?? defaults.OwnIsoDep };
        var transport = await Pn532ApduTransport.OpenAsync(chip, target, options).ConfigureAwait(false);
        var own = transport as Pn532IsoDepTransport;
        if (options.OwnIsoDep && own is null)
        {
            throw new InvalidOperationException("The driver's own ISO-DEP was asked for but the activation fell back to the chip's.");
        }

        var channel = new ApduChannel(transport, TimeSpan.FromSeconds(3));
        card.Clear();
        var sw = Stopwatch.StartNew();
        if (chunk is { } c)
        {
            await scenario.Script(command => transport.TransceiveAsync(command, TimeSpan.FromSeconds(3), CancellationToken.None), c).ConfigureAwait(false);
        }
        else
        {
            await scenario.Production(new CardSession(channel), inner).ConfigureAwait(false);
        }

        sw.Stop();
        if (transport is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        return new Pn532Row(setup.Name, scenario.Name, driver ?? setup.Driver, sw.Elapsed.TotalSeconds, card.Floor(setup.Timing, own?.FrameSize).TotalSeconds, card.Log.Count);
    }

    public static Pn532Row RunStock(Pn532LinkSetup setup, Pn532Scenario scenario)
    {
        var emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = setup.Timing });
        var card = new RecordingTypeBCard(scenario.CreateCard());
        emulator.Field.Insert(card);
        try
        {
            using var stock = setup.CreateStock!(emulator);
            stock.ReadTimeOut = 3000;
            stock.SetMaxRetriesInitialization(new MaxRetriesMode { MaxRetryPassiveActivation = 2 });
            var list = stock.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeB, new byte[] { 0x00 }) ?? throw new InvalidOperationException("Stock driver: no card.");
            var tg = list[1];
            card.Clear();
            var sw = Stopwatch.StartNew();
            var apdus = scenario.Script(
                command =>
                {
                    var ne = CommandApdu.Parse(command).Ne ?? 0;
                    var rx = new byte[ne + 2];
                    var n = stock.Transceive(tg, command, rx, NfcProtocol.Iso14443_4);
                    return Task.FromResult(n < 0 ? throw new InvalidDataException("Stock driver returned -1.") : rx[..n]);
                },
                scenario.StockChunk!.Value).GetAwaiter().GetResult();
            sw.Stop();
            _ = apdus;
            return new Pn532Row(setup.Name, scenario.Name, "stock", sw.Elapsed.TotalSeconds, card.Floor(setup.Timing).TotalSeconds, card.Log.Count);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"stock driver failed on {setup.Name}/{scenario.Name}: {ex.Message}");
            return new Pn532Row(setup.Name, scenario.Name, "stock", double.NaN, card.Floor(setup.Timing).TotalSeconds, card.Log.Count, Failed: true);
        }
    }
}
