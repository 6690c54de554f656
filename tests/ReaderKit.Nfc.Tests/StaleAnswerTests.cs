namespace ReaderKit.Nfc.Tests;

/// <summary>
/// No answer of one command may become the answer of the next command with the same code (the driver's own ISO-DEP
/// sends every block with InCommunicateThru, so consecutive commands always share the code 0x43 answer).
/// </summary>
public class StaleAnswerTests
{
    private static Pn532 Chip(ScriptedLink link) => new(link, new Pn532Options { AckTimeout = TimeSpan.FromMilliseconds(60), AbortDrainTime = TimeSpan.FromMilliseconds(10) });

    [Fact]
    public async Task The_late_tail_of_a_cut_answer_is_skipped_not_NACKed_so_no_extra_copy_is_left_behind()
    {
        // A stalled serial link hands up the first 60 bytes (NACK), then the rest of the same copy. A second NACK for
        // that tail would make the chip send a third copy, left in the input for the next command.
        byte[] full = ScriptedLink.Answer(0x42, [0x00, 0x02, .. Enumerable.Range(0, 200).Select(i => (byte)i)]);
        var link = new ScriptedLink();
        link.SetResendFrame(full);
        var calls = 0;
        link.OnCommand = (_, _) => ++calls == 1 ? [ScriptedLink.Ack, full[..60], full[60..]] : [ScriptedLink.Ack, ScriptedLink.Answer(0x42, 0x00, 0xA3)];
        using var chip = Chip(link);
        var first = await chip.CommunicateThruAsync(new byte[] { 0x02, 0x00, 0xB0, 0x00, 0x00, 0xC8 }, 201, TimeSpan.FromSeconds(2));
        Assert.Equal([0x02, .. Enumerable.Range(0, 200).Select(i => (byte)i)], first);
        Assert.Equal(1, link.Nacks);
        Assert.Equal(new byte[] { 0xA3 }, await chip.CommunicateThruAsync(new byte[] { 0xB3 }, 1, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_complete_answer_waiting_in_the_input_before_a_command_is_dropped_not_taken_as_its_answer()
    {
        var link = new ScriptedLink { OnCommand = (_, _) => [ScriptedLink.Ack, ScriptedLink.Answer(0x42, 0x00, 0xA3)] };
        using var chip = Chip(link);
        link.Inject(ScriptedLink.Answer(0x42, 0x00, 0x02, 0x90, 0x00)); // a duplicate of an earlier command's answer
        Assert.Equal(new byte[] { 0xA3 }, await chip.CommunicateThruAsync(new byte[] { 0xB3 }, 1, TimeSpan.FromSeconds(2)));
    }
}
