using ReaderKit.Apdu;

namespace ReaderKit.Nfc.Tests;

/// <summary>
/// Issue 9 §1: a frame carrying card data is never written twice once the chip may have taken it; a complete answer
/// to the pending command counts as its ACK; a NACK only re-fetches an answer. Scripted chip, exact frames.
/// </summary>
public class ResendRuleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(600);

    private static readonly byte[] Verify = [0x00, 0x20, 0x00, 0x80, 0x0E, .. "55021720352285"u8];

    private static Pn532 Chip(ScriptedLink link) => new(link, new Pn532Options { AckTimeout = TimeSpan.FromMilliseconds(60), AbortDrainTime = TimeSpan.FromMilliseconds(10) });

    private static byte[] Answer(params byte[] data) => ScriptedLink.Answer(0x40, data);

    [Fact]
    public async Task A_lost_ack_is_covered_by_the_answer_and_the_command_goes_out_once()
    {
        var link = new ScriptedLink { OnCommand = (code, _) => [Answer(0x00, 0x63, 0xC9)] };
        using var chip = Chip(link);
        Assert.Equal(new byte[] { 0x63, 0xC9 }, await chip.DataExchangeAsync(1, Verify, 2, Deadline));
        Assert.Single(link.CommandsWritten(0x40));
        Assert.Equal(0, link.Aborts);
    }

    [Theory]
    [InlineData("0000FF5AFF00")] // LEN hit
    [InlineData("00005A00FF00")] // start code hit
    [InlineData("0000FF00FF")] // last byte lost
    [InlineData("13")] // noise
    public async Task A_garbled_ack_is_covered_by_the_answer_and_the_command_goes_out_once(string ack)
    {
        var link = new ScriptedLink { OnCommand = (code, _) => [Convert.FromHexString(ack), Answer(0x00, 0x90, 0x00)] };
        using var chip = Chip(link);
        Assert.Equal(new byte[] { 0x90, 0x00 }, await chip.DataExchangeAsync(1, Verify, 2, Deadline));
        Assert.Single(link.CommandsWritten(0x40));
        Assert.Equal(0, link.Nacks);
    }

    [Fact]
    public async Task A_late_ack_after_a_host_stall_is_waited_for_not_answered_with_a_second_copy()
    {
        var link = new ScriptedLink();
        link.OnCommand = (code, parameters) =>
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(200); // > the 60 ms ACK window, < the deadline
                link.Inject(ScriptedLink.Ack);
                link.Inject(Answer(0x00, 0x90, 0x00));
            });
            return null;
        };
        using var chip = Chip(link);
        Assert.Equal(new byte[] { 0x90, 0x00 }, await chip.DataExchangeAsync(1, Verify, 2, TimeSpan.FromSeconds(5)));
        Assert.Single(link.CommandsWritten(0x40));
        Assert.Equal(0, link.Aborts);
    }

    [Fact]
    public async Task Neither_ack_nor_answer_is_outcome_unknown_after_exactly_one_copy()
    {
        var link = new ScriptedLink { OnCommand = (_, _) => null };
        using var chip = Chip(link);
        var ex = await Assert.ThrowsAsync<Pn532OutcomeUnknownException>(() => chip.DataExchangeAsync(1, Verify, 2, Deadline));
        Assert.Equal(CardTransportFailure.OutcomeUnknown, ex.Failure);
        Assert.Equal(0x40, ex.Command);
        Assert.Single(link.CommandsWritten(0x40));
        Assert.Equal(1, link.Aborts); // the chip is ACK-aborted once, at the deadline
        Assert.DoesNotContain("3535", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_communicate_thru_follows_the_same_rule()
    {
        var link = new ScriptedLink { OnCommand = (_, _) => null };
        using var chip = Chip(link);
        await Assert.ThrowsAsync<Pn532OutcomeUnknownException>(() => chip.CommunicateThruAsync(new byte[] { 0xBA, 0x01 }, 4, Deadline));
        Assert.Single(link.CommandsWritten(0x42));
    }

    [Fact]
    public async Task Chip_local_commands_keep_their_bounded_resends()
    {
        var link = new ScriptedLink { OnCommand = (_, _) => null };
        using var chip = Chip(link);
        var ex = await Assert.ThrowsAsync<Pn532TimeoutException>(() => chip.RunAsync(0x02, Array.Empty<byte>(), 4, TimeSpan.FromSeconds(5)));
        Assert.Contains("ACK", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, link.CommandsWritten(0x02).Count());
    }

    [Fact]
    public async Task An_ack_sized_read_that_cut_the_answer_is_completed_with_a_nack_not_a_second_command()
    {
        // I2C reads the ACK with a 7-byte transaction; a lost ACK leaves only the answer's header in it.
        var good = Answer([0x00, .. new byte[40], 0x90, 0x00]);
        var link = new ScriptedLink();
        link.OnCommand = (code, _) =>
        {
            link.SetResendFrame(good);
            return [good[..6]];
        };
        using var chip = Chip(link);
        var answer = await chip.DataExchangeAsync(1, Verify, 42, Deadline);
        Assert.Equal(42, answer.Length);
        Assert.Single(link.CommandsWritten(0x40));
        Assert.Equal(1, link.Nacks);
    }

    [Fact]
    public async Task An_ack_sized_read_that_cut_an_extended_answer_is_completed_with_a_nack()
    {
        // READ BINARY Le 256: a 258-byte R-APDU, an extended frame; the 6 bytes show only 00 00 FF FF FF 01.
        var good = Answer([0x00, .. Enumerable.Range(0, 256).Select(i => (byte)i), 0x90, 0x00]);
        var link = new ScriptedLink();
        link.OnCommand = (code, _) =>
        {
            link.SetResendFrame(good);
            return [good[..6]];
        };
        using var chip = Chip(link);
        var answer = await chip.DataExchangeAsync(1, new byte[] { 0x00, 0xB0, 0x00, 0x00, 0x00 }, 258, Deadline);
        Assert.Equal(258, answer.Length);
        Assert.Single(link.CommandsWritten(0x40));
        Assert.Equal(1, link.Nacks);
    }

    [Theory]
    [InlineData("00FF05FBD5", true)]
    [InlineData("00FF05FBD4", false)] // host TFI
    [InlineData("00FF05FAD5", false)] // LEN/LCS disagree
    [InlineData("00FF00FF00", false)] // ACK
    [InlineData("00FFFF0000", false)] // NACK
    [InlineData("00FFFFFF01", true)] // extended, cut after LENM
    [InlineData("00FFFFFF0102", true)]
    [InlineData("00FFFFFF0102FDD5", true)]
    [InlineData("00FFFFFF0102FCD5", false)] // extended LCS wrong
    [InlineData("00FFFFFF0102FDD4", false)]
    [InlineData("00FFFFFF02", false)] // the chip never sends 512+ bytes
    [InlineData("00FFFFFF0110", false)] // 272 > 265
    [InlineData("00FFFFFF00", false)] // extended but short
    [InlineData("00FF05", false)] // not enough to tell
    public void Answer_headers_are_recognised_as_far_as_they_are_visible(string hex, bool expected)
    {
        Assert.Equal(expected, Pn532Frame.StartsChipInformationFrame(Convert.FromHexString(hex)));
    }

    [Fact]
    public async Task Noise_before_any_sign_of_the_command_is_not_nacked()
    {
        // A NACK now could fetch the previous command's answer and pass it off as this one's.
        var link = new ScriptedLink();
        link.OnCommand = (code, parameters) =>
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(120);
                link.Inject(Convert.FromHexString("55AA13377F"));
                await Task.Delay(20);
                link.Inject(Answer(0x00, 0x63, 0xC8));
            });
            return null;
        };
        using var chip = Chip(link);
        Assert.Equal(new byte[] { 0x63, 0xC8 }, await chip.DataExchangeAsync(1, Verify, 2, TimeSpan.FromSeconds(5)));
        Assert.Equal(0, link.Nacks);
        Assert.Single(link.CommandsWritten(0x40));
    }

    [Fact]
    public async Task A_corrupt_answer_after_the_ack_is_still_nacked()
    {
        var good = Answer(0x00, 0x90, 0x00);
        var bad = (byte[])good.Clone();
        bad[^2] ^= 0x01;
        var link = new ScriptedLink();
        link.OnCommand = (code, _) =>
        {
            link.SetResendFrame(good);
            return [ScriptedLink.Ack, bad];
        };
        using var chip = Chip(link);
        Assert.Equal(new byte[] { 0x90, 0x00 }, await chip.DataExchangeAsync(1, Verify, 2, Deadline));
        Assert.Equal(1, link.Nacks);
        Assert.Single(link.CommandsWritten(0x40));
    }

    [Fact]
    public async Task An_error_frame_instead_of_the_ack_means_not_executed_and_is_not_resent()
    {
        var link = new ScriptedLink { OnCommand = (_, _) => [Convert.FromHexString("0000FF01FF7F8100")] };
        using var chip = Chip(link);
        var ex = await Assert.ThrowsAsync<Pn532StatusException>(() => chip.DataExchangeAsync(1, Verify, 2, Deadline));
        Assert.Equal(Pn532StatusCodes.ErrorFrame, ex.StatusCode);
        Assert.Single(link.CommandsWritten(0x40));
    }

    [Fact]
    public async Task Mi_chained_answer_pieces_are_fetched_once_each_even_without_acks()
    {
        var piece = 0;
        var link = new ScriptedLink
        {
            OnCommand = (code, p) => ++piece switch
            {
                1 => [ScriptedLink.Ack, Answer([0x40, .. Enumerable.Repeat((byte)1, 262)])],
                2 => [Answer([0x40, .. Enumerable.Repeat((byte)2, 262)])], // ACK lost on the follow-up
                _ => [Convert.FromHexString("0000FF5AFF00"), Answer(0x00, 0x90, 0x00)], // ACK garbled on the last
            },
        };
        using var chip = Chip(link);
        var answer = await chip.DataExchangeAsync(1, new byte[] { 0x00, 0xB0, 0x00, 0x00, 0x00, 0x02, 0x06 }, 526, Deadline);
        Assert.Equal(526, answer.Length);
        Assert.Equal(Enumerable.Repeat((byte)2, 262), answer[262..524]);
        Assert.Equal(3, link.CommandsWritten(0x40).Count());
    }

    [Fact]
    public async Task A_host_chained_command_piece_without_ack_or_answer_stops_the_chain()
    {
        var piece = 0;
        var link = new ScriptedLink { OnCommand = (code, p) => ++piece == 1 ? [ScriptedLink.Ack, Answer(0x00)] : null };
        using var chip = Chip(link);
        await Assert.ThrowsAsync<Pn532OutcomeUnknownException>(() => chip.DataExchangeAsync(1, new byte[600], 2, Deadline));
        Assert.Equal(2, link.CommandsWritten(0x40).Count());
    }

    [Fact]
    public async Task Frames_that_carried_a_verify_are_zeroed_after_use()
    {
        var link = new ScriptedLink { OnCommand = (code, _) => [ScriptedLink.Ack, Answer(0x00, 0x90, 0x00)] };
        using var chip = Chip(link);
        await chip.DataExchangeAsync(1, Verify, 2, Deadline);
        var frames = link.WrittenBuffers.Where(b => b.Length > 12).ToList();
        Assert.Single(frames);
        Assert.All(frames[0], b => Assert.Equal(0, b));
        Assert.Contains(link.Written, w => w.AsSpan().IndexOf("55021720352285"u8) >= 0); // the copy the line saw

        link.OnCommand = (_, _) => null;
        await Assert.ThrowsAsync<Pn532OutcomeUnknownException>(() => chip.DataExchangeAsync(1, Verify, 2, Deadline));
        Assert.All(link.WrittenBuffers.Where(b => b.Length > 12), f => Assert.All(f, b => Assert.Equal(0, b)));
    }

    [Fact]
    public async Task No_exception_message_carries_apdu_bytes()
    {
        var failures = new Func<ScriptedLink>[]
        {
            () => new ScriptedLink { OnCommand = (_, _) => null },
            () => new ScriptedLink { OnCommand = (c, _) => [ScriptedLink.Ack, ScriptedLink.Answer(c, 0x2B)] },
            () => new ScriptedLink { OnCommand = (c, _) => [ScriptedLink.Ack] },
            () => new ScriptedLink { OnCommand = (c, _) => [ScriptedLink.Ack, Convert.FromHexString("0000FF01FF7F8100")] },
            () => new ScriptedLink { OnCommand = (c, _) => [ScriptedLink.Ack, .. Enumerable.Repeat(Convert.FromHexString("0000FF0AF6D54100"), 12)] },
        };
        foreach (var make in failures)
        {
            var link = make();
            using var chip = Chip(link);
            var ex = await Assert.ThrowsAnyAsync<CardTransportException>(() => chip.DataExchangeAsync(1, Verify, 2, Deadline));
            var text = ex.ToString();
            Assert.DoesNotContain("55021720352285", text, StringComparison.Ordinal);
            Assert.DoesNotContain("3535303231373230333532323835", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("35 35 30 32", text, StringComparison.Ordinal);
        }
    }
}
