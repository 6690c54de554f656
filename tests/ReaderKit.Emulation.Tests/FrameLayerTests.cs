using ReaderKit.Emulation.Pn532;
using static ReaderKit.Emulation.Tests.ChipHarness;

namespace ReaderKit.Emulation.Tests;

public class FrameLayerTests
{
    private static readonly byte[] FirmwareResponse = Hex("0000FF06FAD50332010607E800");

    [Fact]
    public void Preambleless_frame_of_the_stock_driver_gets_ack_and_firmware_version()
    {
        var h = new ChipHarness(samConfigured: false);
        var frames = h.Raw(Hex("00FF02FED4022A"));
        Assert.Equal([Ack, FirmwareResponse], frames);
    }

    [Fact]
    public void Leading_wakeup_bytes_and_postamble_are_skipped()
    {
        var h = new ChipHarness(samConfigured: false);
        var frames = h.Raw(Hex("5555000000000000000000000000FF02FED4022A00"));
        Assert.Equal([Ack, FirmwareResponse], frames);
    }

    [Fact]
    public void Second_command_before_the_first_answer_is_read_replaces_it()
    {
        var h = new ChipHarness(samConfigured: false);
        h.Chip.Receive(Hex("0000FF02FED4022A000000FF03FDD412001A"), Pn532Interface.Hsu, endOfTransaction: false);
        // The second command arrived before the first answer was read: the chip drops the unread answer.
        Assert.Equal([Ack, Response(0x12, [])], h.Drain());
        h.Chip.Receive(Hex("0000FF02FED4022A00"), Pn532Interface.Hsu, endOfTransaction: false);
        Assert.Equal([Ack, FirmwareResponse], h.Drain());
    }

    [Fact]
    public void Hsu_stream_keeps_a_partial_frame_until_the_rest_arrives()
    {
        var h = new ChipHarness(samConfigured: false);
        h.Chip.Receive(Hex("0000FF02FE"), Pn532Interface.Hsu, endOfTransaction: false);
        Assert.Empty(h.Drain());
        h.Chip.Receive(Hex("D4022A00"), Pn532Interface.Hsu, endOfTransaction: false);
        Assert.Equal([Ack, FirmwareResponse], h.Drain());
    }

    [Fact]
    public void I2c_transaction_end_discards_a_partial_frame()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Empty(h.Raw(Hex("0000FF02FE")));
        Assert.Empty(h.Raw(Hex("D4022A00")));
        Assert.Equal([Ack, FirmwareResponse], h.Raw(Hex("0000FF02FED4022A00")));
    }

    [Fact]
    public void Bad_length_checksum_is_answered_with_silence()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Empty(h.Raw(Hex("0000FF02FFD4022A00")));
        Assert.Equal([Ack, FirmwareResponse], h.Raw(Hex("0000FF02FED4022A00")));
    }

    [Fact]
    public void Bad_data_checksum_is_answered_with_silence()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Empty(h.Raw(Hex("0000FF02FED4022B00")));
    }

    [Fact]
    public void Bad_extended_length_checksum_is_answered_with_silence()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Empty(h.Raw(Hex("0000FFFFFF0002FFD4022A00")));
    }

    [Fact]
    public void Extended_host_frame_is_accepted_even_when_it_would_fit_a_normal_frame()
    {
        var h = new ChipHarness(samConfigured: false);
        // LEN = 0x0002, LCS = 0xFE (LENM + LENL + LCS = 0).
        Assert.Equal([Ack, FirmwareResponse], h.Raw(Hex("0000FFFFFF0002FED4022A00")));
    }

    [Fact]
    public void Host_frame_longer_than_265_bytes_gets_the_error_frame()
    {
        var h = new ChipHarness();
        byte[] data = [0xD4, 0x40, 0x01, .. new byte[263]]; // LEN 266
        byte[] frame = Pn532Frames.Information(data);
        Assert.Equal([Pn532Frames.ErrorFrame()], h.Raw(frame));
        // The chip is still usable.
        Assert.Equal([Ack, FirmwareResponse], h.Raw(Hex("0000FF02FED4022A00")));
    }

    [Fact]
    public void Host_frame_of_exactly_265_bytes_is_accepted()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        byte[] apdu = [0x80, 0xEE, 0x00, 0x00, 0xFF, .. new byte[255], 0x00, 0x00]; // 262 bytes of DataOut
        byte[] frame = Pn532Frames.HostCommand(0x40, [tg, .. apdu]);
        Assert.Equal(0xFF, frame[3]); // extended
        var frames = h.Raw(frame);
        Assert.Equal(Ack, frames[0]);
        byte[] payload = Payload(0x40, frames[1]);
        Assert.Equal(0x00, payload[0]);
        Assert.Equal(255 + 2, payload.Length - 1);
    }

    [Fact]
    public void Wrong_tfi_gets_the_error_frame()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Equal([Pn532Frames.ErrorFrame()], h.Raw(Pn532Frames.Information([0xD5, 0x02])));
    }

    [Fact]
    public void Frame_without_command_byte_gets_the_error_frame()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Equal([Pn532Frames.ErrorFrame()], h.Raw(Pn532Frames.Information([0xD4])));
    }

    [Fact]
    public void Unknown_command_gets_ack_then_error_frame()
    {
        var h = new ChipHarness();
        Assert.Equal([Ack, Pn532Frames.ErrorFrame()], h.Command(0x7A));
    }

    [Fact]
    public void Nack_resends_the_last_response()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Equal([Ack, FirmwareResponse], h.Raw(Hex("00FF02FED4022A")));
        Assert.Equal([FirmwareResponse], h.Raw(Pn532Frames.Nack()));
        Assert.Equal([FirmwareResponse], h.Raw(Pn532Frames.Nack()));
    }

    [Fact]
    public void Nack_before_any_response_is_ignored()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Empty(h.Raw(Pn532Frames.Nack()));
    }

    [Fact]
    public void Host_ack_aborts_a_poll_that_waits_for_ever()
    {
        var h = new ChipHarness(withCard: false);
        Assert.Equal([Ack], h.Command(0x4A, 0x01, 0x03, 0x00)); // chip default MxRtyPassiveActivation = 0xFF
        Assert.Empty(h.Raw(Pn532Frames.Ack()));
        h.Chip.Field.Insert(h.Card);
        Assert.Empty(h.Drain());
        // Next command works normally.
        Assert.Equal([0x32, 0x01, 0x06, 0x07], h.Call(0x02));
    }

    [Fact]
    public void Waiting_poll_completes_when_a_card_enters_the_field()
    {
        var h = new ChipHarness(withCard: false);
        Assert.Equal([Ack], h.Command(0x4A, 0x01, 0x03, 0x00));
        h.Chip.Field.Insert(h.Card);
        var frames = h.Drain();
        Assert.Single(frames);
        Assert.Equal(Hex("0101 50A1B2C3D4 00000000 B381A1 01 00"), Payload(0x4A, frames[0]));
    }

    [Fact]
    public void Response_longer_than_255_goes_out_as_an_extended_frame()
    {
        var h = new ChipHarness();
        byte tg = h.ListCard();
        byte[] frame = h.Command(0x40, tg, 0x80, 0xEE, 0x00, 0xFF, 0x00)[1]; // 255 + 9000 = 257 bytes of DataIn
        Assert.Equal(Hex("0000FFFFFF0104FB"), frame[..8]); // LEN = D5 41 + status + 257 = 0x0104
        byte[] payload = Payload(0x40, frame);
        Assert.Equal(258, payload.Length);
    }

    [Fact]
    public void Remove_pre_post_amble_flag_drops_preamble_and_postamble()
    {
        var h = new ChipHarness(samConfigured: false);
        Assert.Equal([Ack, Hex("00FF02FED5131800")[..^1]], h.Command(0x12, 0x40));
        var frames = h.Raw(Hex("00FF02FED4022A"));
        Assert.Equal(Hex("00FF06FAD50332010607E8"), frames[1]);
    }

    [Fact]
    public void Random_garbage_never_throws_and_the_chip_recovers()
    {
        var h = new ChipHarness();
        var random = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            var junk = new byte[random.Next(0, 300)];
            random.NextBytes(junk);
            if (i % 3 == 0 && junk.Length > 4)
            {
                junk[0] = 0x00;
                junk[1] = 0xFF;
            }

            h.Chip.Receive(junk, (Pn532Interface)(i % 3), endOfTransaction: i % 2 == 0);
            h.Drain();
        }

        h.Chip.Receive(Pn532Frames.Ack(), Pn532Interface.Hsu, endOfTransaction: true);
        h.Drain();
        h.Chip.Reset();
        Assert.Equal([Ack, FirmwareResponse], h.Raw(Hex("0000FF02FED4022A00")));
    }
}
