using ReaderKit.Emulation.Pn532;
using static ReaderKit.Emulation.Tests.ChipHarness;

namespace ReaderKit.Emulation.Tests;

/// <summary>
/// InCommunicateThru with raw Type B frames: WUPB/REQB and ATTRIB (ISO/IEC 14443-3 §7.7, §7.10) and the PICC side of the
/// ISO/IEC 14443-4 block protocol (§7.5) the host runs itself.
/// </summary>
public class RawTypeBTests
{
    private static readonly byte[] Pupi = [0xA1, 0xB2, 0xC3, 0xD4];

    /// <summary>Lists the card, deselects it through the chip and re-activates it with the host's own ATTRIB.</summary>
    private static ChipHarness Activated(byte fsdi = 8, TestTypeBCard? card = null)
    {
        var h = card is null ? new ChipHarness() : new ChipHarness(withCard: false);
        if (card is not null)
        {
            h.Chip.Field.Insert(card);
        }

        byte tg = h.ListCard();
        Assert.Equal(Hex("00"), h.Call(0x44, tg));
        Assert.Equal([0x00, .. ((ITypeBCard)h.Chip.Field.Card!).Atqb], h.Call(0x42, 0x05, 0x00, 0x08));
        Assert.Equal(Hex("00 00"), h.Call(0x42, [0x1D, .. Pupi, 0x00, fsdi, 0x01, 0x00]));
        return h;
    }

    /// <summary>I-block (block number <paramref name="number"/>, no CID) carrying the echo command: data back + <paramref name="fill"/> zero bytes.</summary>
    private static byte[] EchoBlock(int number, int fill, params byte[] data) => [(byte)(0x02 | number), 0x80, 0xEE, (byte)(fill >> 8), (byte)fill, (byte)data.Length, .. data];

    [Fact]
    public void A_halted_card_answers_WUPB_not_REQB_and_only_its_own_PUPI_is_activated()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        Assert.Equal(Hex("01"), h.Call(0x42, 0x05, 0x00, 0x08)); // active (the chip's session): WUPB ignored
        Assert.Equal(Hex("00"), h.Call(0x44, tg)); // the chip's S(DESELECT): HALT
        Assert.Equal(Hex("01"), h.Call(0x42, 0x05, 0x00, 0x00)); // REQB: a halted card stays mute
        Assert.Equal([0x00, .. h.Card.Atqb], h.Call(0x42, 0x05, 0x00, 0x08));
        Assert.Equal(Hex("01"), h.Call(0x42, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x01, 0x00)); // another PUPI
        Assert.Equal(Hex("00 00"), h.Call(0x42, [0x1D, .. Pupi, 0x00, 0x08, 0x01, 0x00]));
        Assert.Equal(Hex("25"), h.Exchange([0x00, 0xA4, 0x04, 0x0C], tg)); // the chip's own session is over
    }

    [Theory]
    [InlineData(8, 256)]
    [InlineData(5, 64)]
    public void The_card_answers_in_I_blocks_of_at_most_the_FSD_of_the_hosts_ATTRIB(byte fsdi, int fsd)
    {
        var h = Activated(fsdi);
        var blocks = new List<byte[]>();
        byte[] r = h.Call(0x42, EchoBlock(0, 600, 0x11, 0x22));
        int number = 0;
        while (true)
        {
            Assert.Equal(0x00, r[0]);
            byte[] block = r[1..];
            Assert.True(block.Length <= fsd - 2, $"{block.Length} bytes > FSD {fsd} − CRC_B");
            Assert.Equal(0x02 | number, block[0] & 0xEF);
            blocks.Add(block);
            if ((block[0] & 0x10) == 0)
            {
                break;
            }

            number ^= 1;
            r = h.Call(0x42, (byte)(0xA2 | number)); // R(ACK): next chained block
        }

        byte[] answer = [.. blocks.SelectMany(b => b[1..])];
        Assert.Equal([0x11, 0x22, .. new byte[600], 0x90, 0x00], answer);
        Assert.Equal((604 + fsd - 4) / (fsd - 3), blocks.Count);
        Assert.Equal(1, h.Card.ApdusProcessed);
    }

    [Fact]
    public void R_NAK_with_the_cards_number_repeats_its_last_block_and_with_the_other_number_gets_R_ACK()
    {
        var h = Activated();
        byte[] answer = h.Call(0x42, EchoBlock(0, 0, 0x42));
        Assert.Equal(Hex("00 02 42 9000"), answer);
        Assert.Equal(answer, h.Call(0x42, 0xB2)); // rule 11: the last block again, not executed again
        Assert.Equal(Hex("00 A2"), h.Call(0x42, 0xB3)); // rule 12: "your I-block(1) never arrived"
        Assert.Equal(1, h.Card.ApdusProcessed);
        Assert.Equal(Hex("00 03 43 9000"), h.Call(0x42, EchoBlock(1, 0, 0x43)));
        Assert.Equal(2, h.Card.ApdusProcessed);
    }

    [Fact]
    public void Every_I_block_runs_its_command_the_card_has_no_duplicate_detection()
    {
        // Why the driver must never re-send an I-block without proof: the same I-block twice is two commands.
        var h = Activated();
        Assert.Equal(Hex("00 02 42 9000"), h.Call(0x42, EchoBlock(0, 0, 0x42)));
        Assert.Equal(Hex("00 03 42 9000"), h.Call(0x42, EchoBlock(0, 0, 0x42)));
        Assert.Equal(2, h.Card.ApdusProcessed);
    }

    [Fact]
    public void A_corrupted_card_answer_is_status_02_and_R_NAK_fetches_it_without_a_second_command()
    {
        var h = Activated();
        h.Chip.Faults.CorruptNextCardAnswer();
        Assert.Equal(Hex("02"), h.Call(0x42, EchoBlock(0, 0, 0x42)));
        Assert.Equal(Hex("00 02 42 9000"), h.Call(0x42, 0xB2));
        Assert.Equal(1, h.Card.ApdusProcessed);
    }

    [Fact]
    public void An_answer_later_than_the_chips_timeout_is_lost_but_the_card_repeats_it_on_R_NAK()
    {
        // Default InCommunicateThru timeout 51.2 ms; the card needs 100 ms (within its FWT, so no WTX).
        var card = new TestTypeBCard { Delay = TimeSpan.FromMilliseconds(100) };
        var h = Activated(card: card);
        Assert.Equal(Hex("01"), h.Call(0x42, EchoBlock(0, 0, 0x42)));
        Assert.Equal(Hex("00 02 42 9000"), h.Call(0x42, 0xB2));
        Assert.Equal(1, card.ApdusProcessed);
    }

    [Fact]
    public void A_command_longer_than_FWT_is_carried_by_S_WTX_requests()
    {
        // FWI 10 ≈ 309 ms, 1 s of work: three S(WTX) requests (WTXM 1), each answered by the host, then the answer.
        var card = new TestTypeBCard { Delay = TimeSpan.FromSeconds(1) };
        var h = Activated(card: card);
        Assert.Empty(h.Call(0x32, 0x02, 0x00, 0x0B, 0x0D)); // InCommunicateThru timeout 409.6 ms ≥ FWT
        Assert.Equal(Hex("00 F2 01"), h.Call(0x42, EchoBlock(0, 0, 0x42)));
        Assert.Equal(Hex("00 F2 01"), h.Call(0x42, 0xF2, 0x01));
        Assert.Equal(Hex("00 F2 01"), h.Call(0x42, 0xF2, 0x01));
        Assert.Equal(Hex("00 02 42 9000"), h.Call(0x42, 0xF2, 0x01));
        Assert.Equal(1, card.ApdusProcessed);
    }

    [Fact]
    public void S_DESELECT_halts_the_card_and_clears_its_state()
    {
        var h = Activated();
        int before = h.Card.Deselects;
        Assert.Equal(Hex("00 C2"), h.Call(0x42, 0xC2));
        Assert.Equal(before + 1, h.Card.Deselects);
        Assert.Equal(Hex("01"), h.Call(0x42, EchoBlock(0, 0, 0x42)));
        Assert.Equal(0, h.Card.ApdusProcessed);
    }

    [Fact]
    public void Blocks_with_a_CID_the_card_was_not_given_are_ignored()
    {
        var h = Activated();
        Assert.Equal(Hex("01"), h.Call(0x42, [0x0A, 0x01, .. EchoBlock(0, 0, 0x42)[1..]]));
        Assert.Equal(0, h.Card.ApdusProcessed);
    }

    [Fact]
    public void A_card_taken_out_and_put_back_starts_idle_and_answers_REQB()
    {
        var h = Activated();
        h.Chip.Field.Remove();
        Assert.Equal(Hex("01"), h.Call(0x42, EchoBlock(0, 0, 0x42)));
        h.Chip.Field.Insert(h.Card);
        Assert.Equal(Hex("01"), h.Call(0x42, EchoBlock(0, 0, 0x42)));
        Assert.Equal([0x00, .. h.Card.Atqb], h.Call(0x42, 0x05, 0x00, 0x00));
    }
}
