using System.Diagnostics;
using ReaderKit.Emulation.Pn532;
using static ReaderKit.Emulation.Tests.ChipHarness;

namespace ReaderKit.Emulation.Tests;

public class TimingModelTests
{
    private static void Near(double expectedMs, TimeSpan actual, double toleranceMs = 0.05) =>
        Assert.InRange(actual.TotalMilliseconds, expectedMs - toleranceMs, expectedMs + toleranceMs);

    [Fact]
    public void Link_time_uses_9_8_10_bits_per_byte()
    {
        Near(9.0, Pn532Timing.I2c(100_000).LinkTime(100));
        Near(2.25, Pn532Timing.I2c(400_000).LinkTime(100));
        Near(0.8, Pn532Timing.Spi(1_000_000).LinkTime(100));
        Near(8.68, Pn532Timing.Uart(115_200).LinkTime(100), 0.01);
    }

    [Fact]
    public void Rf_frame_is_sof_chars_eof_in_etu()
    {
        Near(9.44e-3, Pn532Timing.Etu, 0.0001);
        Near((12 + 10 + 10) * 128 / 13_560.0, Pn532Timing.RfFrameTime(1), 0.001);
        Near((12 + 640 + 10) * 128 / 13_560.0, Pn532Timing.RfFrameTime(64), 0.001);
    }

    [Fact]
    public void Read_binary_of_250_bytes_matches_the_reference_estimate()
    {
        // Reference §3.5: RF + card time per APDU at Le = 250 is 37.9 ms with a 5 ms card.
        var t = Pn532Timing.Instant.RfExchangeTime(5, 252, cardTime: TimeSpan.FromMilliseconds(5));
        Near(37.9, t, 1.0);
    }

    [Fact]
    public void Each_extra_fsd_block_costs_a_chained_block_and_an_r_ack()
    {
        var timing = Pn532Timing.Instant;
        TimeSpan one = timing.RfExchangeTime(5, 60);
        TimeSpan two = timing.RfExchangeTime(5, 61);
        TimeSpan expected = timing.PcdBlockTurnaround + Pn532Timing.RfFrameTime(4) + timing.PiccTurnaround + Pn532Timing.RfFrameTime(5);
        Near((two - one).TotalMilliseconds, expected, 0.001);
    }

    [Fact]
    public void Command_longer_than_fsc_is_chained_towards_the_card()
    {
        var timing = Pn532Timing.Instant;
        TimeSpan small = timing.RfExchangeTime(250, 2, fsc: 256);
        TimeSpan chained = timing.RfExchangeTime(250, 2, fsc: 64);
        Assert.True(chained > small + (3 * timing.PcdBlockTurnaround));
    }

    [Fact]
    public void Card_time_beyond_fwt_adds_wtx_round_trips()
    {
        var timing = Pn532Timing.Instant;
        TimeSpan fwt = Pn532Timing.FrameWaitingTime(10);
        Near(309.3, fwt, 0.1);
        Near(4949, Pn532Timing.FrameWaitingTime(14), 1);
        TimeSpan quick = timing.RfExchangeTime(5, 2, cardTime: TimeSpan.FromMilliseconds(300));
        TimeSpan slow = timing.RfExchangeTime(5, 2, cardTime: TimeSpan.FromMilliseconds(1000));
        TimeSpan wtx = Pn532Timing.RfFrameTime(5) + timing.PcdBlockTurnaround + Pn532Timing.RfFrameTime(5) + timing.PiccTurnaround;
        Near((slow - quick).TotalMilliseconds, TimeSpan.FromMilliseconds(700) + (3 * wtx), 0.01);
    }

    [Fact]
    public void Apdu_floor_adds_the_link_bytes_to_the_rf_time()
    {
        var i2c = Pn532Timing.I2c(100_000);
        TimeSpan rf = i2c.RfExchangeTime(5, 252);
        // write 1 + (2+4+3+5+1) = 16; ACK read 2 + 6 = 8; response read 2 + (2+4+255+1) = 264.
        Near((rf + i2c.LinkTime(16 + 8 + 264)).TotalMilliseconds, i2c.ApduExchangeFloor(5, 252), 0.001);
        // 300-byte answer: one MI continuation (write Tg only, ACK, rest).
        Assert.True(i2c.ApduExchangeFloor(5, 300) > i2c.ApduExchangeFloor(5, 262) + i2c.LinkTime(30));
        Assert.Equal(262, Pn532Timing.FrameLength(255));
        Assert.Equal(266, Pn532Timing.FrameLength(256));
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(5, 64)]
    [InlineData(8, 256)]
    [InlineData(12, 256)]
    public void Fsc_codes(int code, int fsc) => Assert.Equal(fsc, Pn532Timing.FscFromCode(code));
}

[Collection("Paced")]
public class PacedChipTests
{
    [Fact]
    public void Paced_i2c_read_takes_at_least_the_bus_time()
    {
        var chip = new Pn532Emulator(new Pn532EmulatorOptions { Timing = Pn532Timing.I2c(100_000) });
        var bus = new Pn532I2cAttachment(chip);
        var buffer = new byte[300];
        var sw = Stopwatch.StartNew();
        bus.Read(buffer);
        sw.Stop();
        Assert.True(sw.Elapsed >= chip.Timing.LinkTime(301) * 0.97, $"{sw.Elapsed}");
    }

    [Fact]
    public void Paced_chip_makes_the_answer_ready_only_after_rf_and_card_time()
    {
        var chip = new Pn532Emulator(new Pn532EmulatorOptions { Timing = Pn532Timing.I2c(400_000) });
        var card = new TestTypeBCard { Delay = TimeSpan.FromSeconds(3) };
        chip.Field.Insert(card);
        chip.Receive(Pn532Frames.HostCommand(0x14, [0x01]), Pn532Interface.I2c, true);
        Assert.NotNull(chip.WaitForFrame(TimeSpan.FromSeconds(1)));
        SpinUntilTaken(chip, 2);
        chip.Receive(Pn532Frames.HostCommand(0x32, [0x05, 0xFF, 0x01, 0x01]), Pn532Interface.I2c, true);
        SpinUntilTaken(chip, 2);
        chip.Receive(Pn532Frames.HostCommand(0x4A, [0x01, 0x03, 0x00]), Pn532Interface.I2c, true);
        SpinUntilTaken(chip, 2);

        chip.Receive(Pn532Frames.HostCommand(0x40, [0x01, 0x00, 0xB0, 0x00, 0x00, 0x10]), Pn532Interface.I2c, true);
        SpinUntilTaken(chip, 1); // the ACK
        TimeSpan? left = chip.WaitForFrame(TimeSpan.Zero);
        Assert.NotNull(left);
        // 3 s on the card (beyond FWT 309 ms → WTX): the answer is still seconds away.
        Assert.True(left > TimeSpan.FromSeconds(2), $"{left}");
        Assert.False(chip.IsReady);
        // The host gives up: ACK abort drops the answer.
        chip.Receive(Pn532Frames.Ack(), Pn532Interface.I2c, true);
        Assert.Null(chip.WaitForFrame(TimeSpan.Zero));
    }

    [Fact]
    public void Slow_card_fault_delays_the_answer_with_wtx()
    {
        var chip = new Pn532Emulator(new Pn532EmulatorOptions { Timing = Pn532Timing.Spi(1_000_000) });
        chip.Field.Insert(new TestTypeBCard());
        chip.Receive(Pn532Frames.HostCommand(0x14, [0x01]), Pn532Interface.Spi, true);
        SpinUntilTaken(chip, 2);
        chip.Receive(Pn532Frames.HostCommand(0x4A, [0x01, 0x03, 0x00]), Pn532Interface.Spi, true);
        SpinUntilTaken(chip, 2);
        chip.Faults.SlowCard(TimeSpan.FromSeconds(5));
        chip.Receive(Pn532Frames.HostCommand(0x40, [0x01, 0x00, 0xB0, 0x00, 0x00, 0x10]), Pn532Interface.Spi, true);
        SpinUntilTaken(chip, 1);
        Assert.True(chip.WaitForFrame(TimeSpan.Zero) > TimeSpan.FromSeconds(4));
    }

    private static void SpinUntilTaken(Pn532Emulator chip, int frames)
    {
        var sw = Stopwatch.StartNew();
        int taken = 0;
        while (taken < frames)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "chip never answered");
            if (chip.TryTakeFrame() is not null)
            {
                taken++;
            }
            else
            {
                Thread.Sleep(1);
            }
        }
    }
}
