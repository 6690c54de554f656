using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>
/// A clone answering the chip challenge with garbage is "not genuine" (a failed presence check), never a reader error;
/// only transport failures that are not the card's answer propagate.
/// </summary>
public sealed class ChallengeAnswerTests
{
    public static TheoryData<string> Garbage() =>
    [
        "status-6982", "status-6A86", "status-6F00", "empty-9000", "three-bytes", "wrong-length-255", "random-256",
        "not-an-apdu", "rf-error", "protocol-error",
    ];

    private static ResponseApdu Answer(string kind) => kind switch
    {
        "status-6982" => FakeCardChannel.Sw(0x6982),
        "status-6A86" => FakeCardChannel.Sw(0x6A86),
        "status-6F00" => FakeCardChannel.Sw(0x6F00),
        "empty-9000" => FakeCardChannel.Sw(0x9000),
        "three-bytes" => FakeCardChannel.Sw(0x9000, [1, 2, 3]),
        "wrong-length-255" => FakeCardChannel.Sw(0x9000, new byte[255]),
        "random-256" => FakeCardChannel.Sw(0x9000, System.Security.Cryptography.RandomNumberGenerator.GetBytes(256)),
        "not-an-apdu" => throw new MalformedApduException("A response APDU needs at least SW1 SW2, got 1 byte(s)."),
        "rf-error" => throw new CardTransportException(CardTransportFailure.RfError, "PN532 status 0x13: RF data format error."),
        "protocol-error" => throw new CardTransportException(CardTransportFailure.ProtocolError, "The card answered 1 byte(s); a response APDU needs SW1 SW2."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_answer_to_the_surface_challenge_is_not_genuine(string kind)
    {
        var card = TestCard.Create();
        var channel = new FakeCardChannel(card, null) { ChallengeResponder = (_, _) => Answer(kind) };
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardInspectorTests.Inspector(card).InspectAsync(channel, vnb, null, CancellationToken.None);
        Assert.False(result.IsGenuine);
        var presence = Assert.Single(result.Checks, c => c.Name == CheckNames.SurfaceCardPresence);
        Assert.Equal(CheckStatus.Fail, presence.Status);
        Assert.DoesNotContain('\n', presence.Reason);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceCardFace && c.Status == CheckStatus.Pass);
    }

    [Fact]
    public async Task Garbage_answer_to_the_text_challenge_fails_it_and_leaves_the_text_unbound()
    {
        var card = TestCard.Create();
        var channel = new FakeCardChannel(card, null)
        {
            ChallengeResponder = (ap, data) => ap == "text" ? FakeCardChannel.Sw(0x9000, [0xDE, 0xAD]) : FakeCardChannel.Sw(0x9000, card.Chip.SignCommandData(data)),
        };
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardInspectorTests.Inspector(card).InspectAsync(channel, vnb, null, CancellationToken.None);
        Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.SurfaceCardPresence).Status);
        Assert.Equal(CheckStatus.Fail, result.Checks.Single(c => c.Name == CheckNames.TextCardPresence).Status);
        Assert.False(result.IsGenuine);
        Assert.Equal(TextBinding.Unbound, result.TextBinding);
        Assert.Null(result.TextAttributes);
        Assert.NotNull(result.UnboundTextAttributes);
        Assert.Contains("own chip challenge failed", result.Checks.Single(c => c.Name == CheckNames.TextBoundToChip).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CardTransportFailure.Timeout)]
    [InlineData(CardTransportFailure.CardRemoved)]
    [InlineData(CardTransportFailure.ReaderUnavailable)]
    public async Task Transport_failures_that_are_not_an_answer_propagate(CardTransportFailure failure)
    {
        var card = TestCard.Create();
        var channel = new FakeCardChannel(card, null) { ChallengeResponder = (_, _) => throw new CardTransportException(failure, "transport") };
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        var ex = await Assert.ThrowsAsync<CardTransportException>(() => CardInspectorTests.Inspector(card).InspectAsync(channel, vnb, null, CancellationToken.None));
        Assert.Equal(failure, ex.Failure);
    }
}
