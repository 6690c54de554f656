using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Personas;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>
/// The retry policy against the virtual card through a real APDU channel: every VERIFY is counted where it matters, in
/// the card (executions and the counter it left), and on the channel (what the host sent).
/// </summary>
public sealed class RetryPolicyTests
{
    private const ushort SurfaceKey = 0x0012;
    private static readonly Lazy<CardImageAndPersona> Yamada = new(() =>
    {
        var card = VirtualMyNumberCard.Create(PersonaCatalog.Default, VirtualCards.Photos);
        return new CardImageAndPersona(card.Image, PersonaCatalog.Default);
    });

    private sealed record CardImageAndPersona(ReaderKit.VirtualCard.Files.CardImage Image, Persona Persona);

    /// <summary>Surface AP only: the retry logic is what is under test, not the other APs.</summary>
    private static CardInspector Inspector(RetryPolicy policy) => VirtualCards.Inspector(VirtualCards.Options() with
    {
        ReadJpki = false,
        ReadTextAp = false,
        ReadCommonAp = false,
        RetryPolicy = policy,
    });

    /// <summary>A fresh card whose surface 照合番号B counter stands at <paramref name="tries"/>, as after earlier mistypes.</summary>
    private static VirtualMyNumberCard CardWith(int tries)
    {
        var card = new VirtualMyNumberCard(Yamada.Value.Image);
        card.ProcessApdu([0x00, 0xA4, 0x04, 0x0C, 0x0A, .. MyNumberCardAids.Of(ApplicationKind.Surface)]);
        card.ProcessApdu([0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x12]);
        while (card.RemainingTries(ApplicationKind.Surface, SurfaceKey) > tries)
        {
            card.ProcessApdu([0x00, 0x20, 0x00, 0x80, 0x0E, .. "00000000000000"u8]);
        }

        card.FieldOff();
        return card;
    }

    private static CountingChannel Channel(VirtualMyNumberCard card) => new(new ApduChannel(new VirtualCardTransport(card)));

    private static string Mistyped => Yamada.Value.Persona.VerificationNumberB[..^1] + (Yamada.Value.Persona.VerificationNumberB[^1] == '0' ? '1' : '0');

    [Theory]
    [InlineData(10, 2, false)]
    [InlineData(5, 1, false)]
    [InlineData(5, 3, false)]
    [InlineData(3, 1, true)]
    public async Task Repeated_wrong_values_stop_at_the_floor(int tries, int floor, bool allowLastTry)
    {
        var card = CardWith(tries);
        var executedBefore = card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey);
        var policy = new RetryPolicy { Floor = floor, AllowLastTry = allowLastTry };
        var effectiveFloor = allowLastTry ? 0 : floor;
        using var wrong = VerificationNumberB.Parse(Mistyped);
        var rejected = 0;
        var refusals = 0;
        var channel = Channel(card);
        for (var attempt = 0; attempt < tries + 3; attempt++)
        {
            var before = card.RemainingTries(ApplicationKind.Surface, SurfaceKey)!.Value;
            var ex = await Assert.ThrowsAnyAsync<CredentialException>(() => Inspector(policy).InspectAsync(channel, wrong, null, CancellationToken.None));
            var after = card.RemainingTries(ApplicationKind.Surface, SurfaceKey)!.Value;
            switch (ex)
            {
                case CredentialRejectedException r:
                    rejected++;
                    Assert.Equal(before - 1, after);
                    Assert.Equal(after, r.RemainingTries);
                    break;
                case CredentialBlockedException when before == 1 && allowLastTry:
                    rejected++; // the explicitly allowed last try was spent: 63C0
                    Assert.Equal(0, after);
                    break;
                case RetryFloorReachedException f:
                    refusals++;
                    Assert.Equal(before, after);
                    Assert.Equal(effectiveFloor, f.Floor);
                    break;
                case CredentialBlockedException:
                    refusals++;
                    Assert.True(allowLastTry);
                    Assert.Equal(0, before);
                    break;
                default:
                    Assert.Fail($"unexpected {ex.GetType().Name}");
                    break;
            }

            Assert.True(after >= effectiveFloor, $"counter at {after}, below the floor {effectiveFloor}");
        }

        Assert.Equal(tries - effectiveFloor, rejected);
        Assert.Equal(3 + effectiveFloor, refusals);
        Assert.Equal(tries - effectiveFloor, card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey) - executedBefore);
        Assert.Equal(tries - effectiveFloor, channel.VerifyValues);
        Assert.Equal(tries + 3, channel.VerifyQueries);
        Assert.Equal(effectiveFloor, card.RemainingTries(ApplicationKind.Surface, SurfaceKey));
    }

    [Fact]
    public async Task Blocked_card_is_reported_without_any_value_verify()
    {
        var persona = PersonaCatalog.Get("b-blocked");
        var card = VirtualMyNumberCard.Create(persona, VirtualCards.Photos);
        var channel = Channel(card);
        using var number = VirtualCards.NumberFor(persona);
        var ex = await Assert.ThrowsAsync<CredentialBlockedException>(() => Inspector(RetryPolicy.Default).InspectAsync(channel, number, null, CancellationToken.None));
        Assert.Equal(0, ex.RemainingTries);
        Assert.Equal(0, channel.VerifyValues);
        Assert.Equal(1, channel.VerifyQueries);
        Assert.Equal(0, card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey));
    }

    [Fact]
    public async Task The_query_always_precedes_the_value_and_the_card_runs_one_verify()
    {
        var card = CardWith(10);
        var channel = Channel(card);
        using var number = VerificationNumberB.Parse(Yamada.Value.Persona.VerificationNumberB);
        (await Inspector(RetryPolicy.Default).InspectAsync(channel, number, null, CancellationToken.None)).Dispose();
        var verifies = channel.Sent.Where(c => c.Ins == 0x20).ToList();
        Assert.Equal(2, verifies.Count);
        Assert.True(verifies[0].Data.IsEmpty);
        Assert.Equal(14, verifies[1].Data.Length);
        Assert.Equal(1, card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey)); // a card at 10 tries had no mistypes
    }

    [Theory]
    [InlineData("5502172035228", false)] // 13 digits
    [InlineData("550217203522X5", false)] // not a digit
    [InlineData("55133120352285", false)] // no such date
    [InlineData("", false)]
    [InlineData(null, true)] // the mistyped but well-formed number
    public async Task Input_failing_local_validation_never_reaches_the_card(string? typed, bool wellFormed)
    {
        typed ??= Mistyped;
        var card = CardWith(10);
        var executedBefore = card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey);
        var channel = Channel(card);

        // What a kiosk does with what the holder typed: parse, then verify on the card in the field.
        async Task TapAsync()
        {
            using var number = VerificationNumberB.Parse(typed);
            (await Inspector(RetryPolicy.Default).InspectAsync(channel, number, null, CancellationToken.None)).Dispose();
        }

        if (wellFormed)
        {
            await Assert.ThrowsAsync<CredentialRejectedException>(TapAsync);
            Assert.Equal(1, card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey) - executedBefore);
            return;
        }

        var ex = await Assert.ThrowsAsync<InvalidCredentialFormatException>(TapAsync);
        Assert.DoesNotContain(typed.Length > 4 ? typed[..5] : "\u0000", ex.Message, StringComparison.Ordinal);
        Assert.Empty(channel.Sent);
        Assert.Equal(executedBefore, card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey));
        Assert.Equal(10, card.RemainingTries(ApplicationKind.Surface, SurfaceKey));
    }

    [Fact]
    public async Task A_card_that_reports_no_counter_is_never_sent_the_value()
    {
        // The card answers the empty VERIFY with 6300 (failed, no count): the floor cannot be kept, so nothing is sent.
        var card = CardWith(10);
        var channel = new CountingChannel(new ApduChannel(new RewritingTransport(new VirtualCardTransport(card), (command, answer) =>
            command is [0x00, 0x20, 0x00, 0x80] ? [0x63, 0x00] : answer)));
        using var number = VerificationNumberB.Parse(Yamada.Value.Persona.VerificationNumberB);
        var ex = await Assert.ThrowsAsync<RetryCounterUnknownException>(() => Inspector(RetryPolicy.Default).InspectAsync(channel, number, null, CancellationToken.None));
        Assert.Equal(0x6300, ex.StatusWord.Value);
        Assert.Equal(0, channel.VerifyValues);
        Assert.Equal(0, card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey));
    }

    [Fact]
    public async Task A_lost_answer_to_the_value_is_outcome_unknown_and_the_next_tap_requeries_the_counter()
    {
        var card = CardWith(3);
        var executedBefore = card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey);
        var lose = true;
        var channel = new CountingChannel(new ApduChannel(new RewritingTransport(new VirtualCardTransport(card), (command, answer) =>
            lose && command.Length > 5 && command[1] == 0x20 ? throw new CardTransportException(CardTransportFailure.Timeout, "answer lost") : answer)));
        using var wrong = VerificationNumberB.Parse(Mistyped);
        var ex = await Assert.ThrowsAsync<CredentialOutcomeUnknownException>(() => Inspector(RetryPolicy.Default).InspectAsync(channel, wrong, null, CancellationToken.None));
        Assert.Equal(3, ex.TriesBeforeAttempt);
        Assert.Equal(1, card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey) - executedBefore);
        Assert.Equal(2, card.RemainingTries(ApplicationKind.Surface, SurfaceKey));

        // Re-tap: the counter (now 2, at the floor) is read again and nothing more is spent.
        lose = false;
        var refused = await Assert.ThrowsAsync<RetryFloorReachedException>(() => Inspector(RetryPolicy.Default).InspectAsync(channel, wrong, null, CancellationToken.None));
        Assert.Equal(2, refused.RemainingTries);
        Assert.Equal(1, card.ExecutedValueVerifies(ApplicationKind.Surface, SurfaceKey) - executedBefore);
        Assert.Equal(1, channel.VerifyValues);
    }

    /// <summary>Passes every APDU to the card, then lets the test replace (or lose) the answer.</summary>
    private sealed class RewritingTransport(IApduTransport inner, Func<byte[], byte[], byte[]> rewrite) : IApduTransport
    {
        public int MaxResponseLength => inner.MaxResponseLength;

        public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var copy = command.ToArray();
            var answer = await inner.TransceiveAsync(command, timeout, cancellationToken);
            return rewrite(copy, answer);
        }
    }
}
