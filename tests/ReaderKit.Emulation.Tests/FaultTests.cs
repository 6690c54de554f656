using ReaderKit.Emulation.Pn532;
using static ReaderKit.Emulation.Tests.ChipHarness;

namespace ReaderKit.Emulation.Tests;

public class FaultTests
{
    private static readonly byte[] Select = Hex("00A4040C0AD392F000260100000001");

    [Fact]
    public void Card_removed_after_n_apdus()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        h.Chip.Faults.RemoveCardAfterApdus(2);
        Assert.Equal(Hex("00 9000"), h.Exchange(Select, tg));
        Assert.Equal(Hex("00 9000"), h.Exchange(Select, tg));
        Assert.Equal(Hex("01"), h.Exchange(Select, tg));
        Assert.False(h.Chip.Field.IsCardPresent);
        Assert.Equal(2, h.Card.ApdusProcessed);
    }

    [Fact]
    public void Card_removed_mid_chain_after_processing_the_command()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        h.Chip.Faults.RemoveCardMidChain();
        Assert.Equal(Hex("01"), h.Exchange([0x80, 0xEE, 0x00, 0xF0, 0x00], tg));
        Assert.Equal(1, h.Card.ApdusProcessed);
        Assert.False(h.Chip.Field.IsCardPresent);
        Assert.Equal(Hex("2B"), h.Call(0x54, tg));
    }

    [Fact]
    public void Injected_rf_errors_are_reported_then_clear()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        h.Chip.Faults.InjectRfError(Pn532Status.CrcError, 2);
        Assert.Equal(Hex("02"), h.Exchange(Select, tg));
        Assert.Equal(Hex("02"), h.Call(0x42, 0xBA, 0x01));
        Assert.Equal(Hex("00 9000"), h.Exchange(Select, tg));
        h.Chip.Faults.InjectRfError(Pn532Status.RfFormatError);
        Assert.Equal(Hex("13"), h.Exchange(Select, tg));
        Assert.Equal(0x13, h.Call(0x04)[0]);
    }

    [Fact]
    public void Corrupted_checksum_then_nack_gets_the_clean_frame()
    {
        var h = new ChipHarness();
        byte[] clean = Response(0x02, Hex("32010607"));
        h.Chip.Faults.CorruptNextChecksum();
        var frames = h.Command(0x02);
        Assert.Equal(Ack, frames[0]);
        Assert.NotEqual(clean, frames[1]);
        Assert.Equal(clean.Length, frames[1].Length);
        Assert.Equal(clean, h.Raw(Pn532Frames.Nack()).Single());
    }

    [Fact]
    public void Dropped_and_duplicated_bytes_change_the_next_frame_only()
    {
        var h = new ChipHarness();
        byte[] clean = Response(0x02, Hex("32010607"));
        h.Chip.Faults.DropNextResponseByte(6);
        Assert.Equal([.. clean[..6], .. clean[7..]], h.Command(0x02)[1]);
        h.Chip.Faults.DuplicateNextResponseByte(6);
        Assert.Equal([.. clean[..7], .. clean[6..]], h.Command(0x02)[1]);
        Assert.Equal(clean, h.Command(0x02)[1]);
    }

    [Fact]
    public void Garbage_goes_out_before_the_next_frame()
    {
        var h = new ChipHarness();
        h.Chip.Faults.InjectGarbage(Hex("FF13377F"));
        Assert.Equal([.. Hex("FF13377F"), .. Response(0x02, Hex("32010607"))], h.Command(0x02)[1]);
    }

    [Fact]
    public void Nack_storm_ignores_the_next_frames_entirely()
    {
        var h = new ChipHarness();
        h.Chip.Faults.IgnoreHostFrames(2);
        Assert.Empty(h.Command(0x02));
        Assert.Empty(h.Raw(Pn532Frames.Nack()));
        Assert.Equal(Hex("32010607"), h.Call(0x02));
    }

    [Fact]
    public void Lost_ack_still_executes_the_command_and_sends_its_answer()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        int before = h.Card.ApdusProcessed;
        h.Chip.Faults.LoseNextAck();
        var frames = h.Raw(Pn532Frames.HostCommand(0x40, [tg, .. Select]));
        Assert.Equal([Response(0x40, Hex("00 9000"))], frames);
        Assert.Equal(before + 1, h.Card.ApdusProcessed);

        // One command only: the next one is acknowledged normally.
        Assert.Equal(Hex("00 9000"), h.Exchange(Select, tg));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(0)]
    public void Corrupted_ack_still_executes_the_command_and_sends_its_answer(int index)
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        int before = h.Card.ApdusProcessed;
        h.Chip.Faults.CorruptNextAck(index);
        var frames = h.Raw(Pn532Frames.HostCommand(0x40, [tg, .. Select]));
        Assert.Equal(2, frames.Count);
        Assert.NotEqual(Ack, frames[0]);
        Assert.Equal(Ack.Length, frames[0].Length);
        Assert.Equal(Ack[index] ^ 0x5A, frames[0][index]);
        Assert.Equal(Response(0x40, Hex("00 9000")), frames[1]);
        Assert.Equal(before + 1, h.Card.ApdusProcessed);
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Chip.Faults.CorruptNextAck(6));
    }

    [Fact]
    public void Delayed_ack_executes_at_once_but_holds_the_ack_and_the_answer()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        int before = h.Card.ApdusProcessed;
        h.Chip.Faults.DelayNextAck(TimeSpan.FromMilliseconds(150));
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Empty(h.Raw(Pn532Frames.HostCommand(0x40, [tg, .. Select])));
        Assert.Equal(before + 1, h.Card.ApdusProcessed);
        Assert.False(h.Chip.IsReady);
        var wait = h.Chip.WaitForFrame(TimeSpan.FromSeconds(1));
        Assert.NotNull(wait);
        Assert.True(wait > TimeSpan.Zero || started.Elapsed >= TimeSpan.FromMilliseconds(150));
        while (!h.Chip.IsReady)
        {
            Thread.Sleep(5);
        }

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(150));
        Assert.Equal([Ack, Response(0x40, Hex("00 9000"))], h.Drain());
    }

    [Fact]
    public void Host_abort_during_a_delayed_ack_drops_the_answer_but_not_the_execution()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        int before = h.Card.ApdusProcessed;
        h.Chip.Faults.DelayNextAck(TimeSpan.FromSeconds(5));
        Assert.Empty(h.Raw(Pn532Frames.HostCommand(0x40, [tg, .. Select])));
        Assert.Empty(h.Raw(Pn532Frames.Ack()));
        Assert.Null(h.Chip.WaitForFrame(TimeSpan.FromMilliseconds(20)));
        Assert.Equal(before + 1, h.Card.ApdusProcessed);
    }

    [Fact]
    public void Reset_before_next_frame_loses_it_and_returns_to_LowVbat()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        int fieldOffs = h.Card.FieldOffs;
        h.Chip.Faults.ResetBeforeNextFrame();
        Assert.Empty(h.Command(0x02));
        Assert.Equal(Pn532PowerState.LowVbat, h.Chip.PowerState);
        Assert.Equal(fieldOffs + 1, h.Card.FieldOffs);
        Assert.Equal(Hex("27"), h.Exchange(Select, tg));
        Assert.Empty(h.Call(0x14, 0x01));
        Assert.Equal(0x01, h.ListCard());
    }

    [Fact]
    public void Reset_restores_the_chip_defaults()
    {
        var h = new ChipHarness(withCard: false);
        Assert.Empty(h.Call(0x32, 0x05, 0xFF, 0x01, 0x00));
        h.Chip.Reset();
        Assert.Empty(h.Call(0x14, 0x01));
        // MxRtyPassiveActivation is back to 0xFF: the poll waits.
        Assert.Equal([Ack], h.Command(0x4A, 0x01, 0x03, 0x00));
    }

    [Fact]
    public void Clear_disarms_every_fault()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        var f = h.Chip.Faults;
        f.RemoveCardAfterApdus(0);
        f.RemoveCardMidChain();
        f.InjectRfError(0x02);
        f.CorruptNextChecksum();
        f.DropNextResponseByte(1);
        f.DuplicateNextResponseByte(1);
        f.IgnoreHostFrames(3);
        f.InjectGarbage([0xFF]);
        f.SlowCard(TimeSpan.FromSeconds(1));
        f.ResetBeforeNextFrame();
        f.LoseNextAck();
        f.Clear();
        Assert.Equal([Ack, Response(0x02, Hex("32010607"))], h.Command(0x02));
        f.CorruptNextAck();
        f.Clear();
        Assert.Equal(Ack, h.Command(0x02)[0]);
        f.DelayNextAck(TimeSpan.FromSeconds(10));
        f.Clear();
        Assert.Equal(Hex("00 9000"), h.Exchange(Select, tg));
        Assert.Equal(Pn532PowerState.Normal, h.Chip.PowerState);
    }
}
