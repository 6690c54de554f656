using ReaderKit.Emulation.Pn532;
using static ReaderKit.Emulation.Tests.ChipHarness;

namespace ReaderKit.Emulation.Tests;

public class CommandTests
{
    private const string SurfaceAid = "D392F000260100000001";

    private static byte[] SelectAid(string aid)
    {
        byte[] id = Convert.FromHexString(aid);
        return [0x00, 0xA4, 0x04, 0x0C, (byte)id.Length, .. id];
    }

    [Fact]
    public void GetFirmwareVersion_reports_pn532_v1_6_with_type_b_support()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Equal(Hex("32010607"), h.Call(0x02));
    }

    [Fact]
    public void Chip_starts_in_LowVbat_and_SAMConfiguration_moves_it_to_Normal()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Equal(Pn532PowerState.LowVbat, h.Chip.PowerState);
        Assert.Equal(Hex("00"), h.Call(0x4A, 0x01, 0x03, 0x00)); // LowVbat: RF not available
        Assert.Equal(Hex("27"), h.Call(0x40, 0x01, 0x00));
        Assert.Empty(h.Call(0x14, 0x01, 0x17, 0x00));
        Assert.Equal(Pn532PowerState.Normal, h.Chip.PowerState);
        Assert.Equal(0x01, h.ListCard());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x05 })]
    [InlineData(new byte[] { 0x02 })]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x00 })]
    public void SAMConfiguration_with_bad_parameters_gets_the_error_frame(byte[] p)
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x14, p));
        Assert.Equal(Pn532PowerState.LowVbat, h.Chip.PowerState);
    }

    [Fact]
    public void GetGeneralStatus_reports_the_listed_target_and_the_last_error()
    {
        var h = new ChipHarness();
        Assert.Equal(Hex("00 00 00 00"), h.Call(0x04));
        byte tg = h.ListCard();
        Assert.Equal(Hex("00 00 01 01 00 00 03 00"), h.Call(0x04));
        h.Chip.Field.Remove();
        Assert.Equal(Hex("01"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal(0x01, h.Call(0x04)[0]);
    }

    [Fact]
    public void SetParameters_accepts_one_flag_byte_only()
    {
        var h = new ChipHarness();
        Assert.Empty(h.Call(0x12, 0x14));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x12));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x12, 0x14, 0x00));
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x01 })]
    [InlineData(new byte[] { 0x01, 0x03 })]
    [InlineData(new byte[] { 0x02, 0x00, 0x0B, 0x0A })]
    [InlineData(new byte[] { 0x04, 0x00 })]
    [InlineData(new byte[] { 0x05, 0xFF, 0x01, 0x02 })]
    [InlineData(new byte[] { 0x0A, 0x5A, 0xF4, 0x3F, 0x11, 0x4D, 0x85, 0x61, 0x6F, 0x26, 0x62, 0x87 })]
    [InlineData(new byte[] { 0x0B, 0xFF, 0x17, 0x85 })]
    [InlineData(new byte[] { 0x0C, 0x85 })]
    [InlineData(new byte[] { 0x0D, 0x85, 0x15, 0x8A, 0x85, 0x08, 0xB2, 0x01, 0x08, 0x01 })]
    public void RFConfiguration_accepts_every_documented_item(byte[] p)
    {
        var h = new ChipHarness();
        Assert.Empty(h.Call(0x32, p));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x03, 0x00 })]
    [InlineData(new byte[] { 0x01 })]
    [InlineData(new byte[] { 0x05, 0xFF, 0x01 })]
    [InlineData(new byte[] { 0x02, 0x00, 0x0B })]
    public void RFConfiguration_with_unknown_item_or_wrong_length_gets_the_error_frame(byte[] p)
    {
        var h = new ChipHarness();
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x32, p));
    }

    [Fact]
    public void RF_field_off_powers_the_card_down_and_forgets_the_target()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        int before = h.Card.FieldOffs;
        Assert.Empty(h.Call(0x32, 0x01, 0x00));
        Assert.Equal(before + 1, h.Card.FieldOffs);
        Assert.Equal(Hex("27"), h.Exchange([0x00, 0xB0, 0x00, 0x00, 0x01], tg));
        Assert.Equal(0x01, h.ListCard()); // InListPassiveTarget switches the field on again
    }

    [Fact]
    public void InListPassiveTarget_type_b_returns_atqb_and_attrib_res()
    {
        var h = new ChipHarness();
        Assert.Empty(h.Call(0x32, 0x05, 0xFF, 0x01, 0x02));
        Assert.Equal(Hex("01 01 50A1B2C3D4 00000000 B381A1 01 00"), h.Call(0x4A, 0x01, 0x03, 0x00));
        // MaxTg 2 with one card still lists one; the optional polling-method byte is accepted.
        Assert.Equal(Hex("01 01 50A1B2C3D4 00000000 B381A1 01 00"), h.Call(0x4A, 0x02, 0x03, 0x00, 0x00));
    }

    [Fact]
    public void InListPassiveTarget_without_card_answers_NbTg_0_after_the_retry_budget()
    {
        var h = new ChipHarness(withCard: false);
        Assert.Empty(h.Call(0x32, 0x05, 0xFF, 0x01, 0x00));
        Assert.Equal(Hex("00"), h.Call(0x4A, 0x01, 0x03, 0x00));
    }

    [Fact]
    public void InListPassiveTarget_filters_by_AFI_and_type()
    {
        var h = new ChipHarness(withCard: false);
        h.Chip.Field.Insert(new TestTypeBCard(afi: 0x21));
        Assert.Empty(h.Call(0x32, 0x05, 0xFF, 0x01, 0x01));
        Assert.Equal(Hex("00"), h.Call(0x4A, 0x01, 0x03, 0x31)); // other family
        Assert.Equal(Hex("00"), h.Call(0x4A, 0x01, 0x03, 0x22)); // other sub-family
        Assert.Equal(0x01, h.Call(0x4A, 0x01, 0x03, 0x20)[0]); // all sub-families of family 2
        Assert.Equal(0x01, h.Call(0x4A, 0x01, 0x03, 0x21)[0]);
        Assert.Equal(Hex("00"), h.Call(0x4A, 0x01, 0x00)); // Type A: a Type B card does not answer
    }

    [Theory]
    [InlineData(new byte[] { 0x01 })]
    [InlineData(new byte[] { 0x00, 0x03, 0x00 })]
    [InlineData(new byte[] { 0x03, 0x03, 0x00 })]
    [InlineData(new byte[] { 0x01, 0x05, 0x00 })]
    [InlineData(new byte[] { 0x01, 0x03 })]
    public void InListPassiveTarget_with_bad_parameters_gets_the_error_frame(byte[] p)
    {
        var h = new ChipHarness();
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x4A, p));
    }

    [Fact]
    public void InDataExchange_carries_select_and_read_binary()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        Assert.Equal(Hex("00 9000"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal(Hex("00 9000"), h.Exchange([0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x01], tg));
        byte[] r = h.Exchange([0x00, 0xB0, 0x00, 0x10, 0xFA], tg);
        Assert.Equal(0x00, r[0]);
        Assert.Equal([.. h.Card.File(SurfaceAid, 1).AsSpan(0x10, 0xFA), 0x90, 0x00], r[1..]);
    }

    [Fact]
    public void InDataExchange_sets_MI_when_the_answer_exceeds_262_bytes()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        // ECHO 4 bytes + 400 filler → 406-byte R-APDU.
        byte[] first = h.Exchange([0x80, 0xEE, 0x01, 0x90, 0x04, 1, 2, 3, 4], tg);
        Assert.Equal(0x40, first[0]);
        Assert.Equal(262, first.Length - 1);
        Assert.Equal(Hex("01020304"), first[1..5]);
        byte[] rest = h.Exchange([], tg);
        Assert.Equal(0x00, rest[0]);
        Assert.Equal(406 - 262, rest.Length - 1);
        Assert.Equal(Hex("9000"), rest[^2..]);
        Assert.Equal(1, h.Card.ApdusProcessed);
    }

    [Fact]
    public void InDataExchange_with_MI_in_Tg_chains_the_command_apdu()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        byte[] apdu = [0x80, 0xEE, 0x00, 0x00, 0xC8, .. Enumerable.Range(0, 200).Select(i => (byte)i), 0x00];
        Assert.Equal(Hex("00"), h.Call(0x40, [(byte)(tg | 0x40), .. apdu[..100]]));
        Assert.Equal(0, h.Card.ApdusProcessed);
        byte[] r = h.Call(0x40, [tg, .. apdu[100..]]);
        Assert.Equal(apdu, h.Card.Received.Single());
        Assert.Equal([0x00, .. apdu[5..205], 0x90, 0x00], r);
    }

    [Fact]
    public void InDataExchange_with_unknown_tg_reports_0x27()
    {
        var h = new ChipHarness();
        Assert.Equal(Hex("27"), h.Exchange([0x00, 0xB0, 0x00, 0x00, 0x01], 1));
        byte tg = h.ListCard();
        Assert.Equal(Hex("27"), h.Exchange([0x00, 0xB0, 0x00, 0x00, 0x01], (byte)(tg + 1)));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x40));
    }

    [Fact]
    public void Card_removed_gives_timeout_then_reselect_reports_card_disappeared()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        h.Chip.Field.Remove();
        Assert.Equal(Hex("01"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal(Hex("01"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal(Hex("2B"), h.Call(0x54, tg));
        Assert.Equal(Hex("01"), h.Call(0x44, tg));
    }

    [Fact]
    public void Card_put_back_is_mute_until_reselected()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        h.Chip.Field.Remove();
        h.Chip.Field.Insert(h.Card);
        Assert.Equal(Hex("01"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal(Hex("00"), h.Call(0x54, tg));
        Assert.Equal(Hex("00 9000"), h.Exchange(SelectAid(SurfaceAid), tg));
    }

    [Fact]
    public void Different_card_in_the_field_reports_0x2A_on_reselect()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        h.Chip.Field.Insert(new TestTypeBCard(pupi: [1, 2, 3, 4]));
        Assert.Equal(Hex("2A"), h.Call(0x54, tg));
        Assert.Equal(Hex("01"), h.Exchange(SelectAid(SurfaceAid), tg));
    }

    [Fact]
    public void InDeselect_then_exchange_is_0x25_until_InSelect()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        Assert.Equal(Hex("00 9000"), h.Exchange(SelectAid(SurfaceAid), tg));
        int deselects = h.Card.Deselects;
        Assert.Equal(Hex("00"), h.Call(0x44, tg));
        Assert.Equal(deselects + 1, h.Card.Deselects);
        Assert.Equal(Hex("25"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal(Hex("00"), h.Call(0x54, tg));
        Assert.Equal(Hex("00 9000"), h.Exchange(SelectAid(SurfaceAid), tg));
    }

    [Fact]
    public void InRelease_forgets_the_target_and_later_use_reports_0x29()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        int deselects = h.Card.Deselects;
        Assert.Equal(Hex("00"), h.Call(0x52, tg));
        Assert.Equal(deselects + 1, h.Card.Deselects);
        Assert.Equal(Hex("29"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal(Hex("29"), h.Call(0x54, tg));
        Assert.Equal(Hex("29"), h.Call(0x52, tg));
        Assert.Equal(Hex("27"), h.Call(0x52, 0x02));
        Assert.Equal(Hex("00"), h.Call(0x52, 0x00)); // release all: nothing to release
        Assert.Equal(tg, h.ListCard());
        Assert.Equal(Hex("00 9000"), h.Exchange(SelectAid(SurfaceAid), tg));
    }

    [Fact]
    public void InDeselect_and_InRelease_with_Tg_0_act_on_all_targets()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        Assert.Equal(Hex("00"), h.Call(0x44, 0x00));
        Assert.Equal(Hex("25"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal(Hex("00"), h.Call(0x52, 0x00));
        Assert.Equal(Hex("29"), h.Exchange(SelectAid(SurfaceAid), tg));
    }

    [Theory]
    [InlineData(0x44)]
    [InlineData(0x52)]
    [InlineData(0x54)]
    public void Target_commands_need_exactly_one_Tg_byte(byte command)
    {
        var h = new ChipHarness();
        h.ListCard();
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(command));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(command, 0x01, 0x01));
    }

    [Fact]
    public void InCommunicateThru_presence_check_answers_like_a_present_card()
    {
        var h = new ChipHarness();
        h.ListCard();
        byte[] r = h.Call(0x42, 0xBA, 0x01);
        Assert.Equal(0x00, r[0]);
        Assert.Equal(0xAA, r[1] & 0xFE); // R(ACK) with CID
        Assert.Equal(0x01, r[2]);
        h.Chip.Field.Remove();
        Assert.Equal(Hex("01"), h.Call(0x42, 0xBA, 0x01));
    }

    [Fact]
    public void InCommunicateThru_without_target_times_out_and_deselect_is_confirmed()
    {
        var h = new ChipHarness();
        Assert.Equal(Hex("01"), h.Call(0x42, 0xBA, 0x01));
        byte tg = h.ListCard();
        Assert.Equal(Hex("00 CA01"), h.Call(0x42, 0xCA, 0x01));
        Assert.Equal(Hex("25"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x42));
        h.ListCard();
        Assert.Equal(Hex("01"), h.Call(0x42, 0x0A, 0x01, 0x00, 0xA4)); // raw I-block: not modelled, card mute
    }

    [Fact]
    public void PowerDown_sleeps_after_the_answer_and_an_enabled_interface_wakes_it()
    {
        var h = new ChipHarness();
        Assert.Equal(Hex("00"), h.Call(0x16, 0x90)); // I2C + HSU wake-up
        Assert.Equal(Pn532PowerState.PowerDown, h.Chip.PowerState);
        // SPI is not a wake-up source: ignored.
        h.Chip.Receive(Pn532Frames.HostCommand(0x02, []), Pn532Interface.Spi, endOfTransaction: true);
        Assert.Empty(h.Drain());
        Assert.Equal(Pn532PowerState.PowerDown, h.Chip.PowerState);
        // I2C: the address wakes it (clock stretched) and the frame is handled.
        Assert.Equal(Hex("32010607"), h.Call(0x02));
        Assert.Equal(Pn532PowerState.Normal, h.Chip.PowerState);
    }

    [Fact]
    public void Hsu_wakes_on_the_0x55_preamble()
    {
        var h = new ChipHarness();
        Assert.Equal(Hex("00"), h.Call(0x16, 0x10));
        h.Chip.Receive(Pn532Frames.HostCommand(0x02, []), Pn532Interface.Hsu, endOfTransaction: false);
        Assert.Empty(h.Drain());
        h.Chip.Receive([0x55, 0x55, 0x00, 0x00, 0x00, .. Pn532Frames.HostCommand(0x02, [])], Pn532Interface.Hsu, endOfTransaction: false);
        var frames = h.Drain();
        Assert.Equal(Hex("32010607"), Payload(0x02, frames[1]));
    }

    [Fact]
    public void PowerDown_switches_the_rf_field_off()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        Assert.Equal(Hex("00"), h.Call(0x16, 0xB0));
        Assert.Equal(Hex("32010607"), h.Call(0x02));
        Assert.Equal(Hex("27"), h.Exchange(SelectAid(SurfaceAid), tg));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x16));
    }

    [Fact]
    public void Diagnose_line_test_echoes_and_rom_ram_tests_pass()
    {
        var h = new ChipHarness();
        Assert.Equal(Hex("00 11223344556677"), h.Call(0x00, Hex("00 11223344556677")));
        Assert.Equal(Hex("00"), h.Call(0x00, 0x01));
        Assert.Equal(Hex("00"), h.Call(0x00, 0x02));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x00));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x00, 0x06));
    }

    [Fact]
    public void Registers_and_gpio_read_back_what_was_written()
    {
        var h = new ChipHarness();
        Assert.Empty(h.Call(0x08, 0x63, 0x3D, 0x05, 0xFF, 0xAE, 0x11));
        Assert.Equal(Hex("05 11 00"), h.Call(0x06, 0x63, 0x3D, 0xFF, 0xAE, 0x00, 0x01));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x06, 0x63));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x08, 0x63, 0x3D));
        Assert.Empty(h.Call(0x0E, 0x80, 0x84));
        Assert.Equal(Hex("00 04 00"), h.Call(0x0C));
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x0E, 0x80));
    }

    [Fact]
    public void SetSerialBaudRate_applies_after_the_host_ack()
    {
        var h = new ChipHarness();
        Assert.Empty(h.Call(0x10, 0x07));
        Assert.Equal(115_200, h.Chip.SerialBaudRate);
        Assert.Empty(h.Raw(Pn532Frames.Ack()));
        Assert.Equal(921_600, h.Chip.SerialBaudRate);
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x10, 0x09));
    }

    [Fact]
    public void InAutoPoll_finds_the_type_b_card()
    {
        var h = new ChipHarness();
        Assert.Equal(Hex("01 23 0F 01 50A1B2C3D4 00000000 B381A1 01 00"), h.Call(0x60, 0x01, 0x01, 0x23));
        Assert.Equal(Hex("00 9000"), h.Exchange(SelectAid(SurfaceAid), 1));
        h.Chip.Field.Remove();
        Assert.Equal(Hex("00"), h.Call(0x60, 0x02, 0x01, 0x23, 0x10));
        Assert.Equal([Ack], h.Command(0x60, 0xFF, 0x01, 0x23));
        h.Chip.Field.Insert(h.Card);
        Assert.Equal(0x01, Payload(0x60, h.Drain().Single())[0]);
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x60, 0x01, 0x01));
    }

    [Fact]
    public void New_command_replaces_an_unread_answer()
    {
        var h = new ChipHarness();
        h.Chip.Receive(Pn532Frames.HostCommand(0x02, []), Pn532Interface.I2c, true);
        h.Chip.Receive(Pn532Frames.HostCommand(0x04, []), Pn532Interface.I2c, true);
        var frames = h.Drain();
        Assert.Equal(2, frames.Count);
        Assert.Equal(Hex("00 00 00 00"), Payload(0x04, frames[1]));
    }

    [Fact]
    public void Throwing_card_model_looks_like_a_mute_card()
    {
        var h = new ChipHarness(withCard: false);
        h.Chip.Field.Insert(new ThrowingCard());
        byte tg = h.ListCard();
        Assert.Equal(Hex("01"), h.Exchange([0x00, 0xB0, 0x00, 0x00, 0x01], tg));
    }

    private sealed class ThrowingCard : ITypeBCard
    {
        public byte[] Atqb { get; } = Hex("50 01020304 00000000 B381A1");

        public byte[] AttribResponse { get; } = [0x00];

        public void Deselect()
        {
        }

        public void FieldOff()
        {
        }

        public byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu) => throw new InvalidOperationException("broken model");

        public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu) => TimeSpan.Zero;
    }
}
