using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Nfc.Tests;

/// <summary>
/// The driver's own ISO-DEP (<see cref="Pn532IsoDepTransport"/>) against the emulated chip and card over every link:
/// activation with FSD 256, block protocol both ways, recovery that never runs a command twice, WTX, deadlines, fallback.
/// </summary>
public class OwnIsoDepTests
{
    private static readonly Pn532TransportOptions Own = new() { OwnIsoDep = true };

    public static TheoryData<LinkKind> Links => EmulatorTests.Links;

    private static async Task<(EmulatedReader Reader, TransparentFileCard Card, TypeBTarget Target)> StartAsync(LinkKind kind, TransparentFileCard? card = null)
    {
        var reader = EmulatedReader.Create(kind);
        card ??= new TransparentFileCard(EmulatedReader.Files(4096));
        reader.Emulator.Field.Insert(card);
        await reader.Chip.InitializeAsync();
        var target = await reader.Chip.ListTypeBTargetAsync() ?? throw new InvalidOperationException("no card");
        return (reader, card, target);
    }

    private static async Task<Pn532IsoDepTransport> OpenOwnAsync(EmulatedReader reader, TypeBTarget target, Pn532TransportOptions? options = null) =>
        Assert.IsType<Pn532IsoDepTransport>(await Pn532ApduTransport.OpenAsync(reader.Chip, target, options ?? Own));

    private static async Task SelectFileAsync(ApduChannel channel) =>
        (await channel.TransmitAsync(new CommandApdu(0x00, 0xA4, 0x02, 0x0C, new byte[] { 0x00, 0x01 }))).EnsureSuccess(new CommandApdu(0, 0xA4, 2, 0xC));

    /// <summary>
    /// Over the own ISO-DEP, selects the file, then for each round injects one fault and reads <paramref name="length"/>
    /// bytes: the answer is the whole pattern and the card ran the READ BINARY exactly once.
    /// </summary>
    private static async Task AssertEachReadRunsOnceAsync(LinkKind kind, Action<Pn532Faults> inject, int length, int rounds)
    {
        var (reader, card, target) = await StartAsync(kind);
        await using var _r = reader;
        await using var transport = await OpenOwnAsync(reader, target);
        var channel = transport.CreateChannel(TimeSpan.FromSeconds(5));
        await SelectFileAsync(channel);
        for (var i = 0; i < rounds; i++)
        {
            var before = card.ApdusProcessed;
            inject(reader.Emulator.Faults);
            var r = await channel.TransmitAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: length));
            Assert.Equal(TransparentFileCard.Pattern(length), r.Data.ToArray());
            Assert.Equal(before + 1, card.ApdusProcessed);
        }
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task The_card_is_activated_with_FSD_256_and_a_file_reads_byte_for_byte(LinkKind kind)
    {
        var (reader, card, target) = await StartAsync(kind);
        await using var _r = reader;
        await using var transport = await OpenOwnAsync(reader, target);
        Assert.Equal(256, transport.FrameSize);
        Assert.Equal(4 * 253, transport.MaxExtendedResponseLength); // Ne 1024 rounded down to whole 253-byte I-blocks

        var channel = transport.CreateChannel(TimeSpan.FromSeconds(5));
        Assert.Equal(TransparentFileCard.Pattern(4096), await EmulatedReader.ReadFileAsync(channel, 4096, 256));
        var extended = await channel.TransmitAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 1010));
        Assert.Equal(TransparentFileCard.Pattern(1010), extended.Data.ToArray());
        Assert.Equal(1 + 16 + 1, card.ApdusProcessed);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Long_commands_are_chained_to_a_card_with_a_small_frame_size_and_long_answers_come_back_chained(LinkKind kind)
    {
        // FSC 32 (code 2): a 200-byte command goes out in I-blocks of 29 INF bytes, acknowledged by the card's R(ACK)s.
        var (reader, card, target) = await StartAsync(kind, new TransparentFileCard(EmulatedReader.Files(16), frameSizeAndProtocol: 0x21));
        await using var _r = reader;
        await using var transport = await OpenOwnAsync(reader, target);
        var data = Enumerable.Range(0, 200).Select(i => (byte)(i * 7)).ToArray();
        var answer = await transport.TransceiveAsync((byte[])[0x80, 0xE0, 0x00, 0x00, (byte)data.Length, .. data], TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal([.. data, .. data, 0x90, 0x00], answer);
        Assert.Equal(1, card.ApdusProcessed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_longer_than_the_command_announced_is_read_whole_on_I2C(bool ownIsoDep)
    {
        // No Le: the driver sizes the I2C read for SW1 SW2 only; the card's 402-byte answer comes in extended frames that
        // are re-read at their announced length (preamble included) after one NACK — on both ISO-DEP paths.
        var (reader, card, target) = await StartAsync(LinkKind.I2c, new TransparentFileCard(EmulatedReader.Files(16)));
        await using var _r = reader;
        var transport = await Pn532ApduTransport.OpenAsync(reader.Chip, target, new Pn532TransportOptions { OwnIsoDep = ownIsoDep });
        var data = Enumerable.Range(0, 200).Select(i => (byte)(i * 7)).ToArray();
        var answer = await transport.TransceiveAsync((byte[])[0x80, 0xE0, 0x00, 0x00, (byte)data.Length, .. data], TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal([.. data, .. data, 0x90, 0x00], answer);
        Assert.Equal(1, card.ApdusProcessed);
        if (transport is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_lost_card_answer_is_fetched_with_R_NAK_and_the_command_runs_once(LinkKind kind) =>
        // The card executed the I-block; its answer arrives with a bad CRC (status 0x02). R(NAK) with the PCD's number
        // meets the card's toggled number: it sends its last block again (PICC rule 11), nothing runs twice.
        await AssertEachReadRunsOnceAsync(kind, faults => faults.CorruptNextCardAnswer(), length: 1010, rounds: 3);

    [Theory]
    [MemberData(nameof(Links))]
    public async Task An_I_block_the_card_never_got_is_sent_again_only_after_the_card_proves_it(LinkKind kind) =>
        // The frame is lost before the card (RF error on the PCD's frame): the card keeps its block number, answers our
        // R(NAK) with R(ACK) of the other number (PICC rule 12), and only then is the I-block sent again (PCD rule 6).
        await AssertEachReadRunsOnceAsync(kind, faults => faults.InjectRfError(Pn532Status.CrcError), length: 256, rounds: 1);

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_deaf_chip_makes_the_I_block_outcome_unknown_and_it_is_never_sent_again(LinkKind kind)
    {
        // The chip ignores the InCommunicateThru that carries the I-block: on the host link the outcome is unknown. The
        // R(NAK) probe gets the card's R(ACK) of the other number, but after a lost link exchange that R(ACK) might be a
        // late copy of an earlier answer, so it is not taken as proof: no second copy, typed "outcome unknown".
        var (reader, card, target) = await StartAsync(kind);
        await using var _r = reader;
        await using var transport = await OpenOwnAsync(reader, target);
        var channel = transport.CreateChannel(TimeSpan.FromSeconds(8));
        await SelectFileAsync(channel);
        var before = card.ApdusProcessed;
        reader.Emulator.Faults.IgnoreHostFrames(1);
        var ex = await Assert.ThrowsAnyAsync<CardTransportException>(() => channel.TransmitAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 256), TimeSpan.FromSeconds(8)));
        Assert.Equal(CardTransportFailure.OutcomeUnknown, ex.Failure);
        Assert.Equal(before, card.ApdusProcessed);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_card_removed_before_the_command_is_a_typed_error_and_the_session_refuses_to_guess_afterwards(LinkKind kind)
    {
        var (reader, card, target) = await StartAsync(kind);
        await using var _r = reader;
        await using var transport = await OpenOwnAsync(reader, target, Own with { MinimumTimeout = TimeSpan.FromSeconds(3) });
        var before = card.ApdusProcessed;
        reader.Emulator.Faults.RemoveCardAfterApdus(0);
        var ex = await Assert.ThrowsAnyAsync<CardTransportException>(() => transport.TransceiveAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 16).ToArray(), TimeSpan.FromSeconds(3), CancellationToken.None));
        Assert.Equal(CardTransportFailure.Timeout, ex.Failure);
        Assert.Equal(before, card.ApdusProcessed);
        var again = await Assert.ThrowsAnyAsync<CardTransportException>(() => transport.TransceiveAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 16).ToArray(), TimeSpan.FromSeconds(3), CancellationToken.None));
        Assert.Equal(CardTransportFailure.ProtocolError, again.Failure);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task A_slow_command_is_carried_by_waiting_time_extensions_and_their_number_is_bounded(LinkKind kind)
    {
        // FWI 10 (≈ 309 ms) and a 1 s signature: the card asks for S(WTX) three times; the driver answers each.
        var (reader, card, target) = await StartAsync(kind);
        await using var _r = reader;
        await using (var transport = await OpenOwnAsync(reader, target))
        {
            var answer = await transport.TransceiveAsync((byte[])[0x80, 0x2A, 0x9E, 0x9A, 0x00], TimeSpan.FromSeconds(5), CancellationToken.None);
            Assert.Equal([.. TransparentFileCard.Pattern(256), 0x90, 0x00], answer);
            Assert.Equal(1, card.ApdusProcessed);
        }

        await reader.Chip.ReleaseAsync(target.TargetNumber);
        var again = await reader.Chip.ListTypeBTargetAsync() ?? throw new InvalidOperationException("no card");
        await using var strict = await OpenOwnAsync(reader, again, Own with { MaxWaitingTimeExtensions = 1 });
        var ex = await Assert.ThrowsAsync<Pn532ProtocolException>(() => strict.TransceiveAsync((byte[])[0x80, 0x2A, 0x9E, 0x9A, 0x00], TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Contains("waiting-time extensions", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, card.ApdusProcessed);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Closing_the_session_deselects_the_card(LinkKind kind)
    {
        var (reader, card, target) = await StartAsync(kind);
        await using var _r = reader;
        var transport = await OpenOwnAsync(reader, target);
        await transport.CreateChannel().TransmitAsync(new CommandApdu(0x00, 0xA4, 0x02, 0x0C, new byte[] { 0x00, 0x01 }));
        Assert.False(card.WasDeselected);
        await transport.DisposeAsync();
        Assert.True(card.WasDeselected);
        await reader.Chip.ReleaseAsync(target.TargetNumber);
        Assert.NotNull(await reader.Chip.ListTypeBTargetAsync()); // the card can be activated again
        await Assert.ThrowsAsync<Pn532ProtocolException>(() => transport.TransceiveAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: 16).ToArray(), TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_card_whose_FWT_the_chip_cannot_wait_for_stays_on_the_chips_ISO_DEP()
    {
        // FWI 14 (≈ 4.9 s) exceeds the longest InCommunicateThru timeout (3.28 s): the chip's own ISO-DEP keeps the card.
        var (reader, card, target) = await StartAsync(LinkKind.I2c, new TransparentFileCard(EmulatedReader.Files(1024), fwiNibble: 0xE0));
        await using var _r = reader;
        var transport = await Pn532ApduTransport.OpenAsync(reader.Chip, target, Own);
        Assert.IsType<Pn532ApduTransport>(transport);
        Assert.Equal(TransparentFileCard.Pattern(1024), await EmulatedReader.ReadFileAsync(new ApduChannel(transport), 1024, 256));
        Assert.Equal(5, card.ApdusProcessed);
    }

    [Fact]
    public async Task A_card_that_is_not_ISO_14443_4_is_not_taken_over()
    {
        // Not ISO 14443-4 compliant per its ATQB (protocol type 0): no own session is tried.
        var (reader, _, target) = await StartAsync(LinkKind.Spi, new TransparentFileCard(EmulatedReader.Files(16), frameSizeAndProtocol: 0x80));
        await using var _r = reader;
        Assert.Null(await Pn532IsoDepTransport.TryActivateAsync(reader.Chip, target, Own));
    }

    [Fact]
    public async Task Without_the_option_the_chips_ISO_DEP_is_used()
    {
        var (reader, _, target) = await StartAsync(LinkKind.I2c);
        await using var _r = reader;
        Assert.IsType<Pn532ApduTransport>(await Pn532ApduTransport.OpenAsync(reader.Chip, target, new Pn532TransportOptions { OwnIsoDep = false }));
    }

    [Theory]
    [InlineData(0.0001, 0x01)]
    [InlineData(0.309, 0x0D)]
    [InlineData(2.47, 0x10)]
    public void The_chip_timeout_code_covers_the_wait(double seconds, byte code) =>
        Assert.Equal(code, Pn532.CommunicateThruTimeoutCode(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void No_chip_timeout_code_covers_more_than_3_28_s() =>
        Assert.Null(Pn532.CommunicateThruTimeoutCode(TimeSpan.FromSeconds(3.3)));
}
