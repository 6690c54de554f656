using System.Device.I2c;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Nfc.Tests;

/// <summary>The I2C link's bus-free gap: none by default, widened by itself when the chip NAKs, bounded when the bus is dead.</summary>
public class I2cBusFreeTests
{
    private static Pn532Options Generous => new() { AbortDrainTime = TimeSpan.FromMilliseconds(20), AckTimeout = TimeSpan.FromSeconds(1), CommandTimeout = TimeSpan.FromSeconds(5) };

    private static async Task<byte[]> ReadAsync(Pn532I2cLink link, Pn532Emulator emulator, int size)
    {
        emulator.Field.Insert(new TransparentFileCard(EmulatedReader.Files(size)));
        await using var chip = new Pn532(link, Generous, ownsLink: false);
        await chip.InitializeAsync();
        var target = await chip.ListTypeBTargetAsync() ?? throw new InvalidOperationException("no card");
        var channel = new Pn532ApduTransport(chip, target).CreateChannel();
        return await EmulatedReader.ReadFileAsync(channel, size, channel.MaxResponseDataLength);
    }

    [Fact]
    public async Task A_chip_that_accepts_back_to_back_transactions_gets_no_gap()
    {
        var emulator = new Pn532Emulator();
        var bus = new Pn532I2cAttachment(emulator);
        using var link = new Pn532I2cLink(bus);
        var data = await ReadAsync(link, emulator, 3000);

        Assert.Equal(EmulatedReader.Files(3000)[1], data);
        Assert.Equal(TimeSpan.Zero, link.CurrentBusFreeTime);
        Assert.Equal(0, link.RetriedTransactions);
    }

    [Fact]
    public async Task A_chip_that_needs_5_ms_bus_free_time_is_read_after_the_link_widens_its_gap()
    {
        var emulator = new Pn532Emulator();
        var bus = new Pn532I2cAttachment(emulator) { MinimumBusFreeTime = TimeSpan.FromMilliseconds(5) };
        using var link = new Pn532I2cLink(bus);
        var data = await ReadAsync(link, emulator, 3000);

        Assert.Equal(EmulatedReader.Files(3000)[1], data);
        Assert.True(bus.NakedTransactions > 0, "the chip never NAKed: the test proves nothing");
        Assert.Equal(bus.NakedTransactions, link.RetriedTransactions);

        // 0 → 0.5 → 1 → 2 → 4 → 5 ms: at most five widenings, then no more NAKs.
        Assert.InRange(link.RetriedTransactions, 1, 5);
        Assert.InRange(link.CurrentBusFreeTime, TimeSpan.FromMilliseconds(0.5), TimeSpan.FromMilliseconds(5));
    }

    [Fact]
    public async Task A_configured_gap_is_kept_from_the_first_transaction()
    {
        var emulator = new Pn532Emulator();
        var bus = new Pn532I2cAttachment(emulator) { MinimumBusFreeTime = TimeSpan.FromMilliseconds(2) };
        using var link = new Pn532I2cLink(bus, new Pn532I2cOptions(BusFreeTime: TimeSpan.FromMilliseconds(3)));
        var data = await ReadAsync(link, emulator, 1000);

        Assert.Equal(EmulatedReader.Files(1000)[1], data);
        Assert.Equal(0, bus.NakedTransactions);
        Assert.Equal(TimeSpan.FromMilliseconds(3), link.CurrentBusFreeTime);
    }

    [Fact]
    public async Task A_dead_bus_is_a_typed_link_error_after_bounded_attempts()
    {
        var bus = new DeadBus();
        using var link = new Pn532I2cLink(bus, new Pn532I2cOptions(MaxBusFreeTime: TimeSpan.FromMilliseconds(2), TransferRetries: 3));
        var ex = await Assert.ThrowsAsync<Pn532LinkException>(() => link.WriteAsync(new byte[] { 0x00, 0x00, 0xFF, 0x02, 0xFE, 0xD4, 0x02, 0x2A, 0x00 }, CancellationToken.None));
        Assert.Contains("3 attempt", ex.Message, StringComparison.Ordinal);

        // Widening 0 → 0.5 → 1 → 2 ms (3 free retries), then 3 counted attempts at 2 ms.
        Assert.Equal(6, bus.Attempts);
        Assert.Equal(TimeSpan.FromMilliseconds(2), link.CurrentBusFreeTime);
    }

    /// <summary>Nothing answers at 0x24: every transfer fails as Linux i2c-dev reports a NAK.</summary>
    private sealed class DeadBus : I2cDevice
    {
        public int Attempts { get; private set; }

        public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x24);

        public override byte ReadByte() => Fail();

        public override void Read(Span<byte> buffer) => Fail();

        public override void WriteByte(byte value) => Fail();

        public override void Write(ReadOnlySpan<byte> buffer) => Fail();

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => Fail();

        private byte Fail()
        {
            Attempts++;
            throw new IOException("remote I/O error");
        }
    }
}
