using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>
/// Validity is fail-closed: a missing DF29 is a validity failure, and the unsigned DF29 never outranks the expiry year the
/// chip confirmed by accepting 照合番号B. The unsigned cross-checks WARN but never veto genuineness.
/// </summary>
public sealed class ExpiryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Missing_expiry_in_a_dump_fails_validity()
    {
        var card = TestCard.Create(new TestCardSpec { OmitExpiry = true });
        var result = new EvidenceVerifier(card.TrustOptions()).VerifyAll(card.Evidence(), new EvidenceContext(At));
        var expiry = Assert.Single(result.Checks, c => c.Name == CheckNames.CardNotExpired);
        Assert.Equal(CheckStatus.Fail, expiry.Status);
        Assert.Contains("no DF29 expiry", expiry.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, result.StatusOf(CheckNames.SurfaceCardFace));
        Assert.Null(result.Expiry);
    }

    [Fact]
    public async Task Missing_expiry_on_a_live_card_is_genuine_but_not_valid()
    {
        var card = TestCard.Create(new TestCardSpec { OmitExpiry = true });
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardInspectorTests.Inspector(card).InspectAsync(card.Channel(), vnb, null, CancellationToken.None);
        Assert.True(result.IsGenuine, string.Join("\n", result.Checks));
        Assert.False(result.IsValidAtVerificationTime);
        Assert.False(result.IsAccepted);
    }

    [Fact]
    public async Task Altered_expiry_warns_but_does_not_veto_genuineness()
    {
        var card = TestCard.Create();
        card.CardFace = TamperMatrixTests.Flip(card.CardFace, 0xFF20, 0xDF29, 3); // DF29 2035 → 2034; 照合番号B says 2035
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardInspectorTests.Inspector(card).InspectAsync(card.Channel(), vnb, null, CancellationToken.None);
        Assert.Equal(CheckStatus.Warn, result.Checks.Single(c => c.Name == CheckNames.SurfaceExpiryMatchesVerificationNumber).Status);
        Assert.Equal(CheckStatus.Warn, result.Checks.Single(c => c.Name == CheckNames.CommonCrossCheck).Status);
        Assert.True(result.IsGenuine, string.Join("\n", result.Checks));
        // Judged on the chip-confirmed year 2035: still valid in 2026.
        Assert.Contains("valid into 2035", result.Checks.Single(c => c.Name == CheckNames.CardNotExpired).Reason, StringComparison.Ordinal);
        Assert.True(result.IsAccepted);
    }

    [Fact]
    public async Task An_expired_card_whose_DF29_was_extended_stays_expired()
    {
        // Expired in 2025 (the year in its 照合番号B); DF29 rewritten to 2035.
        var card = TestCard.Create(new TestCardSpec { Expiry = new DateOnly(2025, 2, 17), VerificationNumber = "55021720252285" });
        card.CardFace = TamperMatrixTests.Flip(card.CardFace, 0xFF20, 0xDF29, 2, "35"u8.ToArray());
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardInspectorTests.Inspector(card).InspectAsync(card.Channel(), vnb, null, CancellationToken.None);
        Assert.Equal(new DateOnly(2035, 2, 17), result.Expiry!.Value);
        var expiry = result.Checks.Single(c => c.Name == CheckNames.CardNotExpired);
        Assert.Equal(CheckStatus.Fail, expiry.Status);
        Assert.Contains("expired in 2025", expiry.Reason, StringComparison.Ordinal);
        Assert.True(result.IsGenuine);
        Assert.False(result.IsAccepted);
    }

    [Fact]
    public async Task Expired_card_fails_the_expiry_check()
    {
        var card = TestCard.Create(new TestCardSpec { Expiry = new DateOnly(2025, 2, 17), VerificationNumber = "55021720252285" });
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardInspectorTests.Inspector(card).InspectAsync(card.Channel(), vnb, null, CancellationToken.None);
        var expiry = Assert.Single(result.Checks, c => c.Name == CheckNames.CardNotExpired);
        Assert.Equal(CheckStatus.Fail, expiry.Status);
        Assert.Contains("expired on 2025-02-17", expiry.Reason, StringComparison.Ordinal);
        Assert.True(result.IsGenuine);
        Assert.False(result.IsAccepted);
    }

    [Fact]
    public void Malformed_common_record_is_only_advisory()
    {
        var card = TestCard.Create();
        card.CommonRecord = [0x01, 0x03, 0x41, 0x42, 0x43];
        var result = new EvidenceVerifier(card.TrustOptions()).VerifyAll(card.Evidence(), new EvidenceContext(At));
        Assert.Equal(CheckStatus.Warn, result.StatusOf(CheckNames.CommonCrossCheck));
        Assert.True(result.AllPassed);
    }
}
