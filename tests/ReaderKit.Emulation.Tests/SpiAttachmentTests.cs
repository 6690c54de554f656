using System.Device.Gpio;
using System.Device.Spi;
using ReaderKit.Emulation.Pn532;
using StockPn532 = Iot.Device.Pn532.Pn532;
using static ReaderKit.Emulation.Tests.ChipHarness;

namespace ReaderKit.Emulation.Tests;

public class SpiAttachmentTests
{
    private const int Cs = Pn532SpiAttachment.DefaultChipSelectPin;

    private static (Pn532Emulator Chip, TestTypeBCard Card, Pn532SpiAttachment Spi, GpioController Gpio) World(DataFlow flow = DataFlow.LsbFirst)
    {
        var chip = new Pn532Emulator();
        var card = new TestTypeBCard();
        chip.Field.Insert(card);
        var spi = new Pn532SpiAttachment(chip, flow);
        var gpio = new GpioController(spi.ChipSelectDriver);
        gpio.OpenPin(Cs, PinMode.Output, PinValue.High);
        return (chip, card, spi, gpio);
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

    private static void Transaction(GpioController gpio, Action body)
    {
        gpio.Write(Cs, PinValue.Low);
        body();
        gpio.Write(Cs, PinValue.High);
    }

    private static byte Status(Pn532SpiAttachment spi, GpioController gpio)
    {
        byte s = 0xEE;
        Transaction(gpio, () =>
        {
            spi.WriteByte(0x02);
            s = spi.ReadByte();
        });
        return s;
    }

    private static byte[] ReadData(Pn532SpiAttachment spi, GpioController gpio, int n)
    {
        var buffer = new byte[n];
        Transaction(gpio, () =>
        {
            spi.WriteByte(0x03);
            spi.Read(buffer);
        });
        return buffer;
    }

    [Fact]
    public void Write_status_read_cycle_delivers_ack_then_response()
    {
        var (_, _, spi, gpio) = World();
        Assert.Equal(0x00, Status(spi, gpio));
        Transaction(gpio, () => spi.Write([0x01, .. Pn532Frames.HostCommand(0x02, [])]));
        Assert.Equal(0x01, Status(spi, gpio));
        Assert.Equal(Ack, ReadData(spi, gpio, 6));
        Assert.Equal(0x01, Status(spi, gpio));
        byte[] response = ReadData(spi, gpio, 16);
        Assert.Equal(Hex("0000FF06FAD50332010607E800 000000"), response);
        Assert.Equal(0x00, Status(spi, gpio));
    }

    [Fact]
    public void Frame_is_consumed_only_on_cs_rising_edge_and_byte_reads_continue_it()
    {
        var (_, _, spi, gpio) = World();
        Transaction(gpio, () => spi.Write([0x01, .. Pn532Frames.HostCommand(0x02, [])]));
        gpio.Write(Cs, PinValue.Low);
        spi.WriteByte(0x03);
        var bytes = new List<byte>();
        for (int i = 0; i < 3; i++)
        {
            bytes.Add(spi.ReadByte());
        }

        var rest = new byte[3];
        spi.Read(rest);
        Assert.Equal(Ack, bytes.Concat(rest).ToArray());
        gpio.Write(Cs, PinValue.High);
        // A 03 read that is aborted before any data byte consumes nothing.
        Transaction(gpio, () => spi.WriteByte(0x03));
        Assert.Equal(0xD5, ReadData(spi, gpio, 16)[5]);
    }

    [Fact]
    public void Writes_with_cs_high_are_ignored()
    {
        var (chip, _, spi, gpio) = World();
        spi.Write([0x01, .. Pn532Frames.HostCommand(0x02, [])]);
        Assert.Equal(0, chip.CommandsReceived);
        Assert.Equal(0x00, Status(spi, gpio));
    }

    [Fact]
    public void Full_duplex_status_read_returns_ready_in_the_second_byte()
    {
        var (_, _, spi, gpio) = World();
        Transaction(gpio, () => spi.Write([0x01, .. Pn532Frames.HostCommand(0x02, [])]));
        var read = new byte[2];
        Transaction(gpio, () => spi.TransferFullDuplex([0x02, 0x00], read));
        Assert.Equal(Hex("0001"), read);
    }

    [Fact]
    public void Msb_first_controller_sees_the_lsb_first_chip_bit_reversed()
    {
        var (chip, _, spi, gpio) = World(DataFlow.MsbFirst);
        // Unreversed bytes are garbage to the chip.
        Transaction(gpio, () => spi.Write([0x01, .. Pn532Frames.HostCommand(0x02, [])]));
        Assert.Equal(0, chip.CommandsReceived);
        // A driver that reverses bits in software works.
        byte[] frame = [0x01, .. Pn532Frames.HostCommand(0x02, [])];
        Transaction(gpio, () => spi.Write(frame.Select(Reverse).ToArray()));
        Assert.Equal(1, chip.CommandsReceived);
        byte status = 0;
        Transaction(gpio, () =>
        {
            spi.WriteByte(Reverse(0x02));
            status = Reverse(spi.ReadByte());
        });
        Assert.Equal(0x01, status);
        var ack = new byte[6];
        Transaction(gpio, () =>
        {
            spi.WriteByte(Reverse(0x03));
            spi.Read(ack);
        });
        Assert.Equal(Ack, ack.Select(Reverse).ToArray());
    }

    [Fact]
    public void Other_gpio_pins_are_latches_with_events()
    {
        var (_, _, _, gpio) = World();
        gpio.OpenPin(17, PinMode.Output, PinValue.Low);
        Assert.Equal(PinValue.Low, gpio.Read(17));
        int rising = 0;
        gpio.RegisterCallbackForPinValueChangedEvent(17, PinEventTypes.Rising, (_, _) => rising++);
        gpio.Write(17, PinValue.High);
        Assert.Equal(PinValue.High, gpio.Read(17));
        Assert.Equal(1, rising);
    }

    [Fact]
    public void Stock_driver_reads_every_test_file_over_spi()
    {
        var (_, card, spi, gpio) = World();
        using var pn532 = new StockPn532(spi, Cs, gpio);
        StockDriverScenario.ReadTestCard(pn532, card);
    }
}
