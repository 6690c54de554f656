using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Nfc.Tests;

/// <summary>Every injected fault ends in a recovery or a typed error within its deadline, and the driver works afterwards.</summary>
public class FaultTests
{
    public static TheoryData<LinkKind> Links => EmulatorTests.Links;

    private static async Task<(EmulatedReader Reader, ApduChannel Channel, TransparentFileCard Card)> StartAsync(LinkKind kind, Pn532Timing? timing = null)
    {
        var reader = EmulatedReader.Create(kind, timing);
        var card = new TransparentFileCard(EmulatedReader.Files(2048));
        reader.Emulator.Field.Insert(card);
        await reader.Chip.InitializeAsync();
        var (_, channel) = await reader.ActivateAsync();
        return (reader, channel, card);
    }

    private static async Task AssertReadsAsync(ApduChannel channel) =>
        Assert.Equal(TransparentFileCard.Pattern(2048), await EmulatedReader.ReadFileAsync(channel, 2048, 256));

    public static TheoryData<LinkKind, string> LineFaults()
    {
        var data = new TheoryData<LinkKind, string>();
        foreach (var link in new[] { LinkKind.I2c, LinkKind.Spi, LinkKind.Hsu })
        {
            foreach (var fault in new[] { "checksum", "drop-early", "drop-late", "duplicate", "garbage", "ack-lost", "ack-corrupted", "ack-late" })
            {
                data.Add(link, fault);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LineFaults))]
    public async Task Line_faults_are_recovered_transparently_without_a_second_command(LinkKind kind, string fault)
    {
        // Short ACK window so that "ack-late" (a host stall past it) is quick to provoke.
        var reader = EmulatedReader.Create(kind, options: new Pn532Options { AbortDrainTime = TimeSpan.FromMilliseconds(20), AckTimeout = TimeSpan.FromMilliseconds(100), CommandTimeout = TimeSpan.FromSeconds(5) });
        await using var _r = reader;
        var card = new TransparentFileCard(EmulatedReader.Files(2048));
        reader.Emulator.Field.Insert(card);
        await reader.Chip.InitializeAsync();
        var (_, channel) = await reader.ActivateAsync();
        var faults = reader.Emulator.Faults;
        Action arm = fault switch
        {
            "checksum" => faults.CorruptNextChecksum,
            "drop-early" => () => faults.DropNextResponseByte(4),
            "drop-late" => () => faults.DropNextResponseByte(100),
            "duplicate" => () => faults.DuplicateNextResponseByte(50),
            "garbage" => () => faults.InjectGarbage([0x00, 0xFF, 0x13, 0x37, 0x55, 0xAA, 0x00]),
            "ack-lost" => faults.LoseNextAck,
            "ack-corrupted" => () => faults.CorruptNextAck(),
            "ack-late" => () => faults.DelayNextAck(TimeSpan.FromMilliseconds(300)),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        for (var i = 0; i < 3; i++)
        {
            var before = card.ApdusProcessed;
            arm();
            await AssertReadsAsync(channel);
            Assert.Equal(before + 9, card.ApdusProcessed); // SELECT + 8 READ BINARY: nothing ran twice
        }
    }

    [Theory]
    [InlineData(LinkKind.I2c, 1)]
    [InlineData(LinkKind.I2c, 2)]
    [InlineData(LinkKind.Spi, 1)]
    [InlineData(LinkKind.Spi, 2)]
    [InlineData(LinkKind.Hsu, 1)]
    [InlineData(LinkKind.Hsu, 2)]
    public async Task A_deaf_chip_makes_a_card_command_outcome_unknown_never_a_second_copy(LinkKind kind, int ignoredFrames)
    {
        // The chip ignores the InDataExchange frame (and, with 2, the abort too). The host cannot tell that from a lost
        // ACK plus a lost answer, so it does not resend: typed "outcome unknown", and the next command works.
        var (reader, _, card) = await StartAsync(kind);
        await using var _r = reader;
        var target = await reader.Chip.ListTypeBTargetAsync() ?? throw new InvalidOperationException("no card");
        var channel = new Pn532ApduTransport(reader.Chip, target).CreateChannel(TimeSpan.FromMilliseconds(800));
        var before = card.ApdusProcessed;
        reader.Emulator.Faults.IgnoreHostFrames(ignoredFrames);
        var ex = await Assert.ThrowsAnyAsync<CardTransportException>(() => channel.TransmitAsync(new CommandApdu(0, 0xB0, 0, 0, ne: 256)));
        Assert.Equal(CardTransportFailure.OutcomeUnknown, ex.Failure);
        Assert.Equal(before, card.ApdusProcessed);
        await AssertReadsAsync(channel);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Rf_errors_are_typed_and_the_next_apdu_works(LinkKind kind)
    {
        var (reader, channel, _) = await StartAsync(kind);
        await using var _r = reader;
        reader.Emulator.Faults.InjectRfError(0x02);
        var ex = await Assert.ThrowsAsync<Pn532StatusException>(() => channel.TransmitAsync(new CommandApdu(0, 0xB0, 0, 0, ne: 256)));
        Assert.Equal(CardTransportFailure.RfError, ex.Failure);
        await AssertReadsAsync(channel);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Card_removed_mid_chain_is_typed_and_the_card_can_be_read_again(LinkKind kind)
    {
        var (reader, channel, card) = await StartAsync(kind);
        await using var _r = reader;
        reader.Emulator.Faults.RemoveCardMidChain();
        var ex = await Assert.ThrowsAnyAsync<CardTransportException>(() => channel.TransmitAsync(new CommandApdu(0, 0xB0, 0, 0, ne: 256)));
        Assert.True(ex.Failure is CardTransportFailure.Timeout or CardTransportFailure.CardRemoved, ex.Message);
        Assert.False(await reader.Chip.IsPresentAsync());
        Assert.Null(await reader.Chip.ListTypeBTargetAsync());

        reader.Emulator.Field.Insert(card);
        var (_, again) = await reader.ActivateAsync();
        await AssertReadsAsync(again);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Pn532_reset_is_typed_and_reinitialising_recovers(LinkKind kind)
    {
        var (reader, channel, _) = await StartAsync(kind);
        await using var _r = reader;
        reader.Emulator.Faults.ResetBeforeNextFrame();

        // The reset swallows the InDataExchange frame: silence, which the host cannot tell from a lost ACK and answer,
        // so the card command is not sent again.
        var ex = await Assert.ThrowsAnyAsync<CardTransportException>(() => channel.TransmitAsync(new CommandApdu(0, 0xB0, 0, 0, ne: 256), TimeSpan.FromSeconds(1)));
        Assert.Equal(CardTransportFailure.OutcomeUnknown, ex.Failure);

        await reader.Chip.InitializeAsync();
        var (_, again) = await reader.ActivateAsync();
        await AssertReadsAsync(again);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Slow_card_with_wtx_times_out_ordinary_commands_but_serves_signing(LinkKind kind)
    {
        // Paced: the card really takes its time (FWI 4 ≈ 5 ms FWT, so 1.2 s needs many S(WTX) rounds).
        var reader = EmulatedReader.Create(kind, EmulatedReader.Paced(kind));
        await using var _r = reader;
        var card = new TransparentFileCard(EmulatedReader.Files(2048), fwiNibble: 0x40) { SignTime = TimeSpan.FromSeconds(1.2) };
        reader.Emulator.Field.Insert(card);
        await reader.Chip.InitializeAsync();
        var (target, _) = await reader.ActivateAsync();
        var transport = new Pn532ApduTransport(reader.Chip, target, new Pn532TransportOptions { MinimumTimeout = TimeSpan.FromMilliseconds(300) });
        var channel = transport.CreateChannel(TimeSpan.FromMilliseconds(300));

        reader.Emulator.Faults.SlowCard(TimeSpan.FromSeconds(4));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAsync<Pn532TimeoutException>(() => channel.TransmitAsync(new CommandApdu(0, 0xA4, 2, 0x0C, new byte[] { 0, 1 })));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        channel = transport.CreateChannel(TimeSpan.FromSeconds(5));

        var signature = await channel.TransmitAsync(new CommandApdu(0x80, 0x2A, 0, 0x80, new byte[32], ne: 256));
        Assert.True(signature.StatusWord.IsSuccess);
        Assert.Equal(256, signature.Data.Length);
        await AssertReadsAsync(channel);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Card_removed_between_apdus_then_reinserted(LinkKind kind)
    {
        var (reader, channel, card) = await StartAsync(kind);
        await using var _r = reader;
        reader.Emulator.Faults.RemoveCardAfterApdus(3);
        var ex = await Assert.ThrowsAnyAsync<CardTransportException>(() => AssertReadsAsync(channel));
        Assert.Equal(CardTransportFailure.Timeout, ex.Failure);
        reader.Emulator.Field.Insert(card);
        var (_, again) = await reader.ActivateAsync();
        await AssertReadsAsync(again);
    }
}
