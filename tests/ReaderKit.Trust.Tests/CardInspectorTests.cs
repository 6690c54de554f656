using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>The card-touching layer over the hand-made card: the live path end to end, fresh nonces, credentials, My Number gating.</summary>
public sealed class CardInspectorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    internal static CardInspectionOptions Options() => new() { VerificationTime = At, ReadJpki = false };

    internal static CardInspector Inspector(TestCard card, CardInspectionOptions? options = null) => new(card.TrustOptions(), options ?? Options());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Genuine_card_is_verified_end_to_end(bool ecdsa)
    {
        var card = TestCard.Create(new TestCardSpec { Ecdsa = ecdsa });
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await Inspector(card, Options() with { ReadAgeRecord = true }).InspectAsync(channel, vnb, null, CancellationToken.None);
        Assert.True(result.IsAccepted, string.Join("\n", result.Checks));
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceCardPresence && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.TextCardPresence && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.TextBoundToChip && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceExpiryMatchesVerificationNumber && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.SurfaceAgeRecord && c.Status == CheckStatus.Pass);
        Assert.Contains(result.Checks, c => c.Name == CheckNames.TextMyNumberDigest && c.Status == CheckStatus.Skip);
        Assert.Equal(TextBinding.OwnChallenge, result.TextBinding);
        Assert.Equal("山田\u3000太郎", result.TextAttributes!.Name);
        Assert.Null(result.UnboundTextAttributes);
        Assert.Null(result.MyNumber);
        Assert.Equal(card.Spec.BirthDate, result.BirthDate);
        Assert.Equal(10, result.RemainingTriesBeforeVerify);
        Assert.NotNull(result.PhotoJpeg2000);
        Assert.Equal("13101", result.MunicipalityCode!.Value);
        Assert.Equal(card.Spec.Expiry, result.Expiry!.Value);
        Assert.Equal(At, result.VerificationTime);
        Assert.Contains(result.Timings, t => t.Step == CardInspectionStep.SurfaceChipChallenged);

        // Without a My Number purpose the text AP's My Number file (EF 0001) and PIN (EF 0011) are never selected,
        // read or presented: walk the APDUs with the application each was sent to.
        var textCommands = CommandsPerApplication(channel.Received).Where(x => x.Application == "text").Select(x => x.Command).ToList();
        Assert.NotEmpty(textCommands);
        Assert.DoesNotContain(textCommands, c => c.Ins == 0xA4 && c.P1 == 0x02 && (c.Data.Span.SequenceEqual(new byte[] { 0x00, 0x01 }) || c.Data.Span.SequenceEqual(new byte[] { 0x00, 0x11 })));
        Assert.DoesNotContain(channel.Received, c => c.Ins == 0xB0 && c.Ne == TextAp.MyNumberFileLength);
        Assert.DoesNotContain(channel.Received, c => c.Ins == 0x20 && c.Data.Length == 4);
    }

    [Fact]
    public async Task Clone_with_copied_data_fails_the_card_presence_check()
    {
        var card = TestCard.Create();
        var channel = card.Channel(chipOverride: TestSigner.Rsa(5));
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await Inspector(card).InspectAsync(channel, vnb, null, CancellationToken.None);
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
        var inspector = Inspector(card);
        (await inspector.InspectAsync(channel, vnb, null, CancellationToken.None)).Dispose();
        (await inspector.InspectAsync(channel, vnb, null, CancellationToken.None)).Dispose();
        var challenges = channel.Received.Where(c => c.Cla == 0x80 && c.Ins == 0x2A).Select(c => Convert.ToHexString(c.Data.Span)).ToList();
        Assert.Equal(4, challenges.Count);
        Assert.Equal(4, challenges.Distinct().Count());
    }

    [Fact]
    public async Task Nonces_come_from_the_injected_source()
    {
        var card = TestCard.Create();
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var source = new CountingRandom();
        using var result = await new CardInspector(card.TrustOptions(), Options(), TimeProvider.System, source).InspectAsync(channel, vnb, null, CancellationToken.None);
        Assert.True(result.IsGenuine, string.Join("\n", result.Checks));
        Assert.Equal(2, source.Calls); // surface and text challenges
        var first = channel.Received.First(c => c.Cla == 0x80 && c.Ins == 0x2A);
        Assert.Equal(card.Chip.PublicKey.ChallengeCommandData(new byte[CardInspector.NonceLength].Select((_, i) => (byte)i).ToArray()), first.Data.ToArray());
    }

    [Fact]
    public async Task My_number_is_read_only_with_a_purpose_and_pin()
    {
        var card = TestCard.Create();
        var channel = card.Channel();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await Inspector(card, Options() with { MyNumberPurpose = "test" }).InspectAsync(channel, vnb, null, CancellationToken.None);
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
        var ex = await Assert.ThrowsAsync<CredentialRejectedException>(() => Inspector(card).InspectAsync(channel, vnb, null, CancellationToken.None));
        Assert.Equal(9, ex.RemainingTries);
        Assert.DoesNotContain("9999", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, channel.VerifyValues);
    }

    /// <summary>Each command with the application selected when it was sent ("" before any SELECT by name).</summary>
    internal static List<(string Application, CommandApdu Command)> CommandsPerApplication(IEnumerable<CommandApdu> commands)
    {
        var current = "";
        var list = new List<(string, CommandApdu)>();
        foreach (var c in commands)
        {
            if (c.Ins == 0xA4 && c.P1 == 0x04)
            {
                var aid = c.Data.ToArray();
                current = aid.AsSpan().SequenceEqual(SurfaceAp.Aid) ? "surface" : aid.AsSpan().SequenceEqual(TextAp.Aid) ? "text" : aid.AsSpan().SequenceEqual(JpkiAp.Aid) ? "jpki" : aid.AsSpan().SequenceEqual(CommonAp.Aid) ? "common" : "other";
            }

            list.Add((current, c));
        }

        return list;
    }

    /// <summary>Deterministic "random" bytes 00 01 02 … and a call counter.</summary>
    private sealed class CountingRandom : System.Security.Cryptography.RandomNumberGenerator
    {
        public int Calls { get; private set; }

        public override void GetBytes(byte[] data)
        {
            Calls++;
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = (byte)i;
            }
        }
    }
}
