using ReaderKit.Apdu;
using ReaderKit.Tap.Devices.Iot;

namespace ReaderKit.Nfc.Tests;

public class ChipLayerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    private static Pn532 Chip(ScriptedLink link) => new(link, new Pn532Options { AckTimeout = TimeSpan.FromMilliseconds(100), AbortDrainTime = TimeSpan.FromMilliseconds(10) });

    private static ScriptedLink HealthyChip(Func<byte[], byte[]>? exchange = null) => new()
    {
        OnCommand = (code, p) => code switch
        {
            0x02 => [ScriptedLink.Ack, ScriptedLink.Answer(code, 0x32, 0x01, 0x06, 0x07)],
            0x40 => [ScriptedLink.Ack, ScriptedLink.Answer(code, [0x00, .. (exchange ?? (d => [0x90, 0x00]))(p[1..])])],
            _ => [ScriptedLink.Ack, ScriptedLink.Answer(code)],
        },
    };

    [Fact]
    public async Task Initialise_checks_firmware_and_bounds_retries()
    {
        var link = HealthyChip();
        using var chip = Chip(link);
        var fw = await chip.InitializeAsync();
        Assert.True(fw.IsPn532 && fw.SupportsTypeB);
        var rf = link.CommandsWritten(0x32).ToList();
        Assert.Contains(rf, p => p[0] == 0x05 && p[3] != 0xFF && p[1] != 0xFF);
        Assert.Single(link.CommandsWritten(0x14));
    }

    [Theory]
    [InlineData(0x31, 0x07, "0x32")]
    [InlineData(0x32, 0x05, "Type B")]
    public async Task Initialise_rejects_a_wrong_chip(byte ic, byte support, string reason)
    {
        var link = new ScriptedLink
        {
            OnCommand = (code, _) => code == 0x02 ? [ScriptedLink.Ack, ScriptedLink.Answer(code, ic, 1, 6, support)] : [ScriptedLink.Ack, ScriptedLink.Answer(code)],
        };
        using var chip = Chip(link);
        var ex = await Assert.ThrowsAsync<Pn532UnsupportedChipException>(() => chip.InitializeAsync());
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal(CardTransportFailure.ReaderUnavailable, ex.Failure);
    }

    [Fact]
    public async Task Nacks_a_corrupt_answer_and_takes_the_resend()
    {
        var good = ScriptedLink.Answer(0x40, 0x00, 0x90, 0x00);
        var bad = (byte[])good.Clone();
        bad[^2] ^= 0xFF;
        var link = new ScriptedLink { OnCommand = (code, _) => [ScriptedLink.Ack, bad] };
        link.SetResendFrame(good);
        using var chip = Chip(link);
        link.OnCommand = (code, _) => { link.SetResendFrame(good); return [ScriptedLink.Ack, bad]; };
        var answer = await chip.DataExchangeAsync(1, new byte[] { 0x00, 0xA4, 0x04, 0x00 }, 2, Deadline);
        Assert.Equal(new byte[] { 0x90, 0x00 }, answer);
        Assert.Equal(1, link.Nacks);
    }

    [Fact]
    public async Task Resends_a_command_that_got_no_ack()
    {
        var calls = 0;
        var link = new ScriptedLink { OnCommand = (code, _) => ++calls == 1 ? null : [ScriptedLink.Ack, ScriptedLink.Answer(code, 0x32, 1, 6, 7)] };
        using var chip = Chip(link);
        var fw = await chip.RunAsync(0x02, Array.Empty<byte>(), 4, Deadline);
        Assert.Equal(0x32, fw[0]);
        Assert.Equal(2, calls);
        Assert.Equal(1, link.Aborts);
    }

    [Fact]
    public async Task Error_frame_is_a_typed_protocol_error()
    {
        var link = new ScriptedLink { OnCommand = (_, _) => [ScriptedLink.Ack, Convert.FromHexString("0000FF01FF7F8100")] };
        using var chip = Chip(link);
        var ex = await Assert.ThrowsAsync<Pn532StatusException>(() => chip.RunAsync(0x02, Array.Empty<byte>(), 4, Deadline));
        Assert.Equal(0x7F, ex.StatusCode);
        Assert.Equal(CardTransportFailure.ProtocolError, ex.Failure);
    }

    [Fact]
    public async Task Timeout_aborts_with_an_ack_and_the_chip_stays_usable()
    {
        var silent = true;
        var link = new ScriptedLink { OnCommand = (code, _) => silent ? [ScriptedLink.Ack] : [ScriptedLink.Ack, ScriptedLink.Answer(code, 0x00, 0x90, 0x00)] };
        using var chip = Chip(link);
        var ex = await Assert.ThrowsAsync<Pn532TimeoutException>(() => chip.DataExchangeAsync(1, new byte[] { 0, 0xB0, 0, 0, 0 }, 258, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(CardTransportFailure.Timeout, ex.Failure);
        Assert.Equal(1, link.Aborts);
        silent = false;
        Assert.Equal(new byte[] { 0x90, 0x00 }, await chip.DataExchangeAsync(1, new byte[] { 0, 0xB0, 0, 0, 0 }, 258, Deadline));
    }

    [Fact]
    public async Task Cancellation_aborts_and_surfaces_as_cancellation()
    {
        var link = new ScriptedLink { OnCommand = (_, _) => [ScriptedLink.Ack] };
        using var chip = Chip(link);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => chip.DataExchangeAsync(1, new byte[] { 0, 0xB0, 0, 0, 0 }, 258, TimeSpan.FromSeconds(30), cts.Token));
        Assert.Equal(1, link.Aborts);
    }

    [Fact]
    public async Task Follows_mi_chaining_on_the_answer()
    {
        var part = 0;
        var link = new ScriptedLink
        {
            OnCommand = (code, p) => [ScriptedLink.Ack, ++part < 3 ? ScriptedLink.Answer(code, [0x40, .. Enumerable.Repeat((byte)part, 262)]) : ScriptedLink.Answer(code, 0x00, 0x90, 0x00)],
        };
        using var chip = Chip(link);
        var answer = await chip.DataExchangeAsync(1, new byte[] { 0x00, 0xB0, 0x00, 0x00, 0x00, 0x02, 0x06 }, 526, Deadline);
        Assert.Equal(526, answer.Length);
        Assert.Equal(2, answer[300]);
        var sent = link.CommandsWritten(0x40).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(new byte[] { 0x01 }, sent[1]);
    }

    [Fact]
    public async Task Chains_long_commands_with_mi_in_tg()
    {
        var link = HealthyChip();
        using var chip = Chip(link);
        var apdu = Enumerable.Range(0, 600).Select(i => (byte)i).ToArray();
        await chip.DataExchangeAsync(1, apdu, 2, Deadline);
        var sent = link.CommandsWritten(0x40).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal(new byte[] { 0x41, 0x41, 0x01 }, sent.Select(s => s[0]).ToArray());
        Assert.Equal(apdu, sent.SelectMany(s => s[1..]).ToArray());
    }

    [Theory]
    [InlineData(0x01, CardTransportFailure.Timeout)]
    [InlineData(0x2B, CardTransportFailure.CardRemoved)]
    [InlineData(0x02, CardTransportFailure.RfError)]
    public async Task Status_codes_become_typed_exceptions(byte status, CardTransportFailure failure)
    {
        var link = new ScriptedLink { OnCommand = (code, _) => [ScriptedLink.Ack, ScriptedLink.Answer(code, status)] };
        using var chip = Chip(link);
        var ex = await Assert.ThrowsAsync<Pn532StatusException>(() => chip.DataExchangeAsync(1, new byte[] { 0, 0xB0, 0, 0, 0 }, 258, Deadline));
        Assert.Equal(failure, ex.Failure);
        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task Presence_check_sends_a_raw_r_nack_and_reads_timeouts_as_absent()
    {
        var present = true;
        var link = new ScriptedLink { OnCommand = (code, _) => [ScriptedLink.Ack, present ? ScriptedLink.Answer(code, 0x00, 0xA2, 0x01) : ScriptedLink.Answer(code, 0x01)] };
        using var chip = Chip(link);
        Assert.True(await chip.IsPresentAsync());
        Assert.Equal(new byte[] { 0xBA, 0x01 }, link.CommandsWritten(0x42).Single());
        present = false;
        Assert.False(await chip.IsPresentAsync());
        await chip.WaitForRemovalAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None);
    }

    [Fact]
    public async Task Lists_a_type_b_card_with_afi_zero()
    {
        var link = new ScriptedLink
        {
            OnCommand = (code, _) => [ScriptedLink.Ack, ScriptedLink.Answer(code, Convert.FromHexString("0101" + "50A1B2C3D400000000B381A1" + "0100"))],
        };
        using var chip = Chip(link);
        var target = await chip.ListTypeBTargetAsync();
        Assert.NotNull(target);
        Assert.Equal(new byte[] { 0x01, 0x03, 0x00 }, link.CommandsWritten(0x4A).Single());
        Assert.Equal(256, target.MaxFrameSize);
    }

    [Fact]
    public async Task Apdu_transport_raises_signing_deadlines_and_serves_apdu_channel()
    {
        var link = HealthyChip(d => d[1] == 0xB0 ? [.. new byte[256], 0x90, 0x00] : [0x61, 0x04]);
        using var chip = Chip(link);
        var target = TypeBTarget.Parse(Convert.FromHexString("0150A1B2C3D400000000B381A10100"), out _);
        var transport = new Pn532ApduTransport(chip, target);
        var channel = transport.CreateChannel();
        Assert.Equal(256, channel.MaxResponseDataLength);
        Assert.Equal(Pn532TransportOptions.DefaultExtendedMaxNe, channel.MaxExtendedResponseDataLength);
        Assert.Equal(0, new Pn532ApduTransport(chip, target, new Pn532TransportOptions { ExtendedMaxNe = 0 }).CreateChannel().MaxExtendedResponseDataLength);
        Assert.Equal(0, new Pn532ApduTransport(chip, target, new Pn532TransportOptions { ExtendedMaxNe = 256 }).MaxExtendedResponseLength);
        var read = await channel.TransmitAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 256));
        Assert.Equal(256, read.Data.Length);
        await Assert.ThrowsAsync<MalformedApduException>(() => transport.TransceiveAsync(new byte[] { 0x00 }, Deadline, default));
    }

    [Fact]
    public async Task Concurrent_callers_are_serialised()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var link = new ScriptedLink();
        link.OnCommand = (code, _) =>
        {
            maxInFlight = Math.Max(maxInFlight, Interlocked.Increment(ref inFlight));
            Interlocked.Decrement(ref inFlight);
            return [ScriptedLink.Ack, ScriptedLink.Answer(code, 0x00, 0x90, 0x00)];
        };
        using var chip = Chip(link);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => chip.DataExchangeAsync(1, new byte[] { 0, 0xB0, 0, 0, 2 }, 4, Deadline))));
        Assert.Equal(1, maxInFlight);
        Assert.Equal(20, link.CommandsWritten(0x40).Count());
    }

    [Fact]
    public void Card_transceiver_reports_minus_one_with_the_typed_error()
    {
        var link = new ScriptedLink { OnCommand = (code, _) => [ScriptedLink.Ack, ScriptedLink.Answer(code, 0x2B)] };
        using var chip = Chip(link);
        var transceiver = new Pn532CardTransceiver(chip, Deadline);
        var rx = new byte[258];
        Assert.Equal(-1, transceiver.Transceive(1, new byte[] { 0, 0xB0, 0, 0, 0 }, rx, Iot.Device.Card.NfcProtocol.Iso14443_4));
        Assert.Equal(CardTransportFailure.CardRemoved, transceiver.LastError?.Failure);
        link.OnCommand = (code, _) => [ScriptedLink.Ack, ScriptedLink.Answer(code, 0x00, 0x90, 0x00)];
        Assert.Equal(2, transceiver.Transceive(1, new byte[] { 0, 0xB0, 0, 0, 0 }, rx, Iot.Device.Card.NfcProtocol.Iso14443_4));
        Assert.Null(transceiver.LastError);
    }
}
