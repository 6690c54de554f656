using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

public sealed class CardVerifierTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private static CardVerificationOptions Options(TestCard card) => new()
    {
        TrustStore = card.TrustStore(),
        VerificationTime = At,
        ReadJpki = false,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Genuine_card_is_verified_end_to_end(bool ecdsa)
    {
        var card = TestCard.Create(new TestCardSpec { Ecdsa = ecdsa });
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardVerifier.VerifyCardAsync(channel, vnb, Options(card) with { ReadAgeRecord = true }, CancellationToken.None);
        Assert.True(result.IsGenuine, string.Join("\n", result.Checks));
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceCardPresence && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.TextCardPresence && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceExpiryMatchesVerificationNumber && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceAgeRecord && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.TextMyNumberDigest && c.Status == CheckStatus.Skip);
        Assert.Null(result.MyNumber);
        Assert.Equal(card.Spec.BirthDate, result.BirthDate);
        Assert.Equal(10, result.RemainingTriesBeforeVerify);
        Assert.NotNull(result.PhotoJpeg2000);
        Assert.Equal("13101", result.MunicipalityCode!.Value);
        Assert.Equal(card.Spec.Expiry, result.Expiry!.Value);
        Assert.Contains(result.Timings, t => t.Step == "surface.challenge");
        Assert.Equal(0, channel.Received.Count(c => c.Data.Length == 17 || (c.P1 == 0x02 && c.Data.Span.SequenceEqual(new byte[] { 0, 1 }) && false)));
    }

    [Fact]
    public async Task Clone_with_copied_data_fails_the_card_presence_check()
    {
        var card = TestCard.Create();
        var channel = card.Channel(chipOverride: TestSigner.Rsa(5));
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardVerifier.VerifyCardAsync(channel, vnb, Options(card), CancellationToken.None);
        Assert.False(result.IsGenuine);
        var presence = Assert.Single(result.Checks, c => c.Name == CheckNames.SurfaceCardPresence);
        Assert.Equal(CheckStatus.Fail, presence.Status);
        Assert.Contains("cloned", presence.Reason, StringComparison.Ordinal);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceCardFace && c.Status == CheckStatus.Pass);
    }

    [Fact]
    public async Task Each_challenge_uses_a_fresh_nonce()
    {
        var card = TestCard.Create();
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        (await CardVerifier.VerifyCardAsync(channel, vnb, Options(card), CancellationToken.None)).Dispose();
        (await CardVerifier.VerifyCardAsync(channel, vnb, Options(card), CancellationToken.None)).Dispose();
        var challenges = channel.Received.Where(c => c.Cla == 0x80 && c.Ins == 0x2A).Select(c => Convert.ToHexString(c.Data.Span)).ToList();
        Assert.Equal(4, challenges.Count);
        Assert.Equal(4, challenges.Distinct().Count());
    }

    [Fact]
    public async Task Altered_expiry_is_caught_by_the_verification_number()
    {
        var card = TestCard.Create();
        card.CardFace = TamperMatrixTests.Flip(card.CardFace, 0xFF20, 0xDF29, 3); // 2035 → 2034
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardVerifier.VerifyCardAsync(card.Channel(), vnb, Options(card), CancellationToken.None);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceExpiryMatchesVerificationNumber && c.Status == CheckStatus.Fail);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.CommonCrossCheck && c.Status == CheckStatus.Fail);
        Assert.False(result.IsGenuine);
    }

    [Fact]
    public async Task Expired_card_fails_the_expiry_check()
    {
        var card = TestCard.Create(new TestCardSpec { Expiry = new DateOnly(2025, 2, 17), VerificationNumber = "55021720252285" });
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardVerifier.VerifyCardAsync(card.Channel(), vnb, Options(card), CancellationToken.None);
        var expiry = Assert.Single(result.Checks, c => c.Name == CheckNames.CardNotExpired);
        Assert.Equal(CheckStatus.Fail, expiry.Status);
        Assert.Contains("expired on 2025-02-17", expiry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_number_is_read_only_with_a_purpose_and_pin()
    {
        var card = TestCard.Create();
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardVerifier.VerifyCardAsync(channel, vnb, Options(card) with { MyNumberPurpose = "test" }, CancellationToken.None);
        Assert.Null(result.MyNumber);
        Assert.DoesNotContain(channel.Received, c => c.Ins == 0xA4 && c.P1 == 0x02 && c.Data.Span.SequenceEqual(new byte[] { 0x00, 0x11 }));
        Assert.DoesNotContain(channel.Received, c => c.Ins == 0xB0 && c.Ne == 17);
    }

    [Fact]
    public async Task Wrong_verification_number_raises_a_typed_error_with_remaining_tries()
    {
        var card = TestCard.Create();
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse("55021720359999");
        var ex = await Assert.ThrowsAsync<CredentialRejectedException>(() => CardVerifier.VerifyCardAsync(channel, vnb, Options(card), CancellationToken.None));
        Assert.Equal(9, ex.RemainingTries);
        Assert.DoesNotContain("9999", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, channel.VerifyValues);
    }
}
