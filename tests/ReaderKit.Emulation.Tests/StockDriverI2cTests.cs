using Iot.Device.Card;
using Iot.Device.Pn532;
using StockPn532 = Iot.Device.Pn532.Pn532;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Emulation.Tests;

/// <summary>The unmodified Iot.Device.Pn532 4.2.0 over <see cref="Pn532I2cAttachment"/>.</summary>
public class StockDriverI2cTests
{
    private static (Pn532Emulator Chip, TestTypeBCard Card, Pn532I2cAttachment Bus) World()
    {
        var chip = new Pn532Emulator();
        var card = new TestTypeBCard();
        chip.Field.Insert(card);
        return (chip, card, new Pn532I2cAttachment(chip));
    }

    [Fact]
    public void Constructor_reads_the_firmware_and_leaves_LowVbat()
    {
        var (chip, _, bus) = World();
        using var pn532 = new StockPn532(bus);
        Assert.Equal(0x32, pn532.FirmwareVersion!.IdentificationCode);
        Assert.Equal(Pn532PowerState.Normal, chip.PowerState);
    }

    [Fact]
    public void Reads_every_test_file_in_chunks_of_0xFA()
    {
        var (_, card, bus) = World();
        using var pn532 = new StockPn532(bus);
        StockDriverScenario.ReadTestCard(pn532, card);
    }

    [Fact]
    public void Wire_trace_matches_the_captured_stock_driver_pattern()
    {
        // Reference §2.3 [V]: W 00FF02FED4022A · R1 01 · R7 01 0000FF00FF00 · R1 01 · R16 01 0000FF06FAD50332010607E8 00 000000
        var (_, _, bus) = World();
        var trace = new List<string>();
        bus.Transaction += (_, t) => trace.Add(t.ToString());
        using var pn532 = new StockPn532(bus);
        int write = trace.IndexOf("W 00FF02FED4022A");
        Assert.True(write >= 0, string.Join(" · ", trace));
        var after = trace.Skip(write + 1).Where(t => t != "R1 01" && t != "R1 00").Take(2).ToList();
        Assert.Equal(["R7 010000FF00FF00", "R16 010000FF06FAD50332010607E8000000"], after);
        Assert.Equal("R1 01", trace[write + 1]);
        Assert.Equal(0x00, bus.ReadByte()); // 1-byte polls never consume: idle now
    }

    [Fact]
    public void B1_extended_response_frames_are_rejected_by_the_stock_driver()
    {
        var (_, _, bus) = World();
        using var pn532 = new StockPn532(bus);
        byte tg = StockDriverScenario.ListTypeB(pn532);
        StockDriverScenario.Select(pn532, tg, Convert.FromHexString("D392F000260100000001"));
        StockDriverScenario.SelectEf(pn532, tg, 0x0001);
        var rx = new byte[300];
        // Le = 00 → 258-byte R-APDU → LEN 261 → extended frame → the driver's wrong LCS check returns −1.
        Assert.Equal(-1, pn532.Transceive(tg, [0x00, 0xB0, 0x00, 0x00, 0x00], rx, NfcProtocol.Iso14443_4));
        // Le = 0xFA still works afterwards.
        Assert.Equal(252, pn532.Transceive(tg, [0x00, 0xB0, 0x00, 0x00, 0xFA], rx, NfcProtocol.Iso14443_4));
    }

    [Fact]
    public void B4_MI_status_is_not_handled_by_the_stock_driver()
    {
        var (_, _, bus) = World();
        using var pn532 = new StockPn532(bus);
        byte tg = StockDriverScenario.ListTypeB(pn532);
        var rx = new byte[600];
        Assert.Equal(-1, pn532.Transceive(tg, [0x80, 0xEE, 0x01, 0x90, 0x00], rx, NfcProtocol.Iso14443_4));
    }

    [Fact]
    public void B5_card_removed_is_only_minus_one_for_the_stock_driver()
    {
        var (chip, _, bus) = World();
        using var pn532 = new StockPn532(bus);
        byte tg = StockDriverScenario.ListTypeB(pn532);
        chip.Field.Remove();
        var rx = new byte[10];
        Assert.Equal(-1, pn532.Transceive(tg, [0x00, 0xA4, 0x04, 0x0C, 0x01, 0x00], rx, NfcProtocol.Iso14443_4));
    }

    [Fact]
    public void Host_extended_frame_of_the_stock_driver_is_accepted()
    {
        var (_, _, bus) = World();
        using var pn532 = new StockPn532(bus);
        byte tg = StockDriverScenario.ListTypeB(pn532);
        byte[] apdu = [0x80, 0xEE, 0x00, 0x00, 0xF5, .. Enumerable.Range(0, 245).Select(i => (byte)i), 0x00]; // 251 bytes → driver uses an extended frame
        byte[] r = StockDriverScenario.Transmit(pn532, tg, apdu, 247);
        Assert.Equal(apdu[5..250], r[..245]);
    }

    [Fact]
    public void Presence_check_and_release_through_the_stock_api()
    {
        var (chip, card, bus) = World();
        using var pn532 = new StockPn532(bus);
        byte tg = StockDriverScenario.ListTypeB(pn532);
        var rx = new byte[3];
        Assert.Equal(2, pn532.WriteReadDirect([0xBA, 0x01], rx));
        Assert.True(pn532.DeselectTarget(tg));
        Assert.True(pn532.SelectTarget(tg));
        Assert.True(pn532.ReleaseTarget(tg));
        Assert.True(card.Deselects >= 2);
        chip.Field.Remove();
        Assert.Equal(-1, pn532.WriteReadDirect([0xBA, 0x01], rx));
    }
}
