using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Personas;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>Text attributes count as verified only when bound to the chip: its own challenge passed, or its key is the surface chip key.</summary>
public sealed class TextBindingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_text_card_key_the_attributes_are_unbound()
    {
        var card = TestCard.Create();
        var result = new EvidenceVerifier(card.TrustOptions()).VerifyAll(card.Evidence() with { TextCardKey = null }, new EvidenceContext(At));
        Assert.Equal(CheckStatus.Pass, result.StatusOf(CheckNames.TextAttributesDigest));
        Assert.Equal(CheckStatus.Warn, result.StatusOf(CheckNames.TextBoundToChip));
        Assert.Contains("UNBOUND", result.Checks.Single(c => c.Name == CheckNames.TextBoundToChip).Reason, StringComparison.Ordinal);
        Assert.Equal(TextBinding.Unbound, result.TextBinding);
        Assert.Null(result.TextAttributes);
        Assert.Equal("山田\u3000太郎", result.UnboundTextAttributes!.Name);
        Assert.True(result.AllPassed); // advisory: the surface proof is unaffected
    }

    [Fact]
    public async Task Live_text_ap_without_a_readable_card_key_is_unbound_and_the_card_still_genuine()
    {
        var card = TestCard.Create();
        card.TextCardKey = [0x01, 0x02]; // not an FF50 record: EF 0007 unreadable
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardInspectorTests.Inspector(card).InspectAsync(card.Channel(), vnb, null, CancellationToken.None);
        Assert.True(result.IsAccepted, string.Join("\n", result.Checks));
        Assert.Equal(CheckStatus.Skip, result.Checks.Single(c => c.Name == CheckNames.TextCardPresence).Status);
        Assert.Equal(CheckStatus.Warn, result.Checks.Single(c => c.Name == CheckNames.TextBoundToChip).Status);
        Assert.Equal(TextBinding.Unbound, result.TextBinding);
        Assert.Null(result.TextAttributes);
        Assert.NotNull(result.UnboundTextAttributes);
    }

    [Fact]
    public async Task Same_key_as_the_surface_chip_binds_without_a_second_challenge()
    {
        // The virtual card publishes one chip key in DF24 and EF 0007 DF51.
        var persona = PersonaCatalog.Get("sato-hanako");
        var channel = new ApduChannel(new VirtualCardTransport(VirtualMyNumberCard.Create(persona, VirtualCards.Photos)));
        var counting = new CountingChannel(channel);
        using var number = VirtualCards.NumberFor(persona);
        using var result = await VirtualCards.Inspector(VirtualCards.Options() with { ReadJpki = false, ReadCommonAp = false }).InspectAsync(counting, number, null, CancellationToken.None);
        Assert.True(result.IsAccepted, string.Join("\n", result.Checks));
        Assert.Equal(TextBinding.SurfaceChipKey, result.TextBinding);
        Assert.Equal(CheckStatus.Skip, result.Checks.Single(c => c.Name == CheckNames.TextCardPresence).Status);
        Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.TextBoundToChip).Status);
        Assert.Equal(persona.Holder.FullName, result.TextAttributes!.Name);
        Assert.Single(counting.Sent, c => c.Cla == 0x80 && c.Ins == 0x2A);
    }

    [Fact]
    public async Task A_clone_with_one_shared_key_gets_no_binding_from_it()
    {
        // The clone persona replays data whose DF24 = DF51 key it does not hold: both challenges fail, nothing is bound.
        var persona = PersonaCatalog.Get("clone");
        var channel = new ApduChannel(new VirtualCardTransport(VirtualMyNumberCard.Create(persona, VirtualCards.Photos)));
        using var number = VirtualCards.NumberFor(persona);
        using var result = await VirtualCards.Inspector(VirtualCards.Options() with { ReadJpki = false }).InspectAsync(channel, number, null, CancellationToken.None);
        Assert.False(result.IsGenuine);
        Assert.Equal(CheckStatus.Fail, result.Checks.Single(c => c.Name == CheckNames.SurfaceCardPresence).Status);
        Assert.Equal(CheckStatus.Fail, result.Checks.Single(c => c.Name == CheckNames.TextCardPresence).Status);
        Assert.Equal(TextBinding.Unbound, result.TextBinding);
        Assert.Null(result.TextAttributes);
    }
}
