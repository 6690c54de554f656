using System.Device.I2c;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Emulation.Tests;

/// <summary>The optional bus-free rule of <see cref="Pn532I2cAttachment"/>: a START too soon after a STOP is NAKed.</summary>
public class I2cBusFreeTests
{
    private static readonly byte[] GetFirmwareVersion = [0x00, 0x00, 0xFF, 0x02, 0xFE, 0xD4, 0x02, 0x2A, 0x00];

    [Fact]
    public void Back_to_back_transactions_are_accepted_by_default()
    {
        var chip = new Pn532Emulator();
        var bus = new Pn532I2cAttachment(chip);
        bus.Write(GetFirmwareVersion);
        Assert.Equal(0x01, bus.ReadByte());
        Assert.Equal(0, bus.NakedTransactions);
    }

    [Fact]
    public void A_transaction_inside_the_bus_free_time_is_naked_and_changes_nothing()
    {
        var chip = new Pn532Emulator();
        I2cDevice bus = new Pn532I2cAttachment(chip) { MinimumBusFreeTime = TimeSpan.FromSeconds(5) };
        bus.Write(GetFirmwareVersion);

        // The ACK is ready, but the next START comes far too soon: NAK, nothing read, nothing consumed.
        var buffer = new byte[7];
        Assert.Throws<IOException>(() => bus.Read(buffer));
        Assert.Throws<IOException>(() => bus.Write(GetFirmwareVersion));
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Equal(2, ((Pn532I2cAttachment)bus).NakedTransactions);
        Assert.Equal(1, ((Pn532I2cAttachment)bus).WriteTransactions);
        Assert.True(chip.IsReady);
    }

    [Fact]
    public async Task A_transaction_after_the_bus_free_time_goes_through()
    {
        var chip = new Pn532Emulator();
        var bus = new Pn532I2cAttachment(chip) { MinimumBusFreeTime = TimeSpan.FromMilliseconds(20) };
        bus.Write(GetFirmwareVersion);
        await Task.Delay(60);
        var ack = new byte[7];
        bus.Read(ack);
        Assert.Equal([0x01, 0x00, 0x00, 0xFF, 0x00, 0xFF, 0x00], ack);
        Assert.Equal(0, bus.NakedTransactions);
    }
}
