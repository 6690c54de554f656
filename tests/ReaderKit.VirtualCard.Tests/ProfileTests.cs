using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard.Tests;

public sealed class ProfileTests(CardFixture fixture) : IClassFixture<CardFixture>
{
    [Fact]
    public void Profiles_have_unique_names_and_every_contactless_identity_a_valid_pseudo_atr()
    {
        Assert.Equal(CardProfile.All.Count, CardProfile.All.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Same(CardProfile.Older, CardProfile.Get("OLDER"));
        Assert.Throws<KeyNotFoundException>(() => CardProfile.Get("nope"));
        foreach (var identity in ContactlessIdentity.All)
        {
            var atr = identity.PseudoAtr(0x00);
            Assert.Equal(13, atr.Length);
            Assert.Equal(0, atr.Skip(1).Aggregate(0, (x, b) => x ^ b));
            Assert.Equal(identity.Fwi, atr[10] >> 4);
        }

        Assert.Equal([10, 10, 13], ContactlessIdentity.All.Select(i => i.Fwi));
    }

    [Fact]
    public void Atqb_carries_the_profile_and_the_emulators_fwi_follows_it()
    {
        var image = fixture.Image("yamada-taro");
        Assert.Equal("004B51FFB381D1", Hex.Of(new VirtualMyNumberCard(image with { Profile = CardProfile.Fwi13 }).Atqb.AsSpan(5)));
        Assert.Equal("000041E0B381A1", Hex.Of(new VirtualMyNumberCard(fixture.Image("older-card")).Atqb.AsSpan(5)));
    }

    [Fact]
    public void Personas_carry_their_profiles()
    {
        Assert.Same(CardProfile.Current, PersonaCatalog.Default.Profile);
        Assert.Same(CardProfile.Older, PersonaCatalog.Get("older-card").Profile);
        Assert.Same(CardProfile.NoExtendedLength, PersonaCatalog.Get("no-extended-length").Profile);
        Assert.Same(CardProfile.Older, fixture.Image("older-card").Profile);
    }

    [Theory]
    [InlineData("00B0000000", false)]
    [InlineData("00B00000000100", true)]
    [InlineData("00A4040C0AD3921000310001010402", false)]
    [InlineData("80AE000000000101", true)]
    [InlineData("00B000", false)]
    public void Extended_encoding_is_the_wire_form(string apdu, bool extended) =>
        Assert.Equal(extended, VirtualMyNumberCard.IsExtendedEncoding(Hex.Bytes(apdu)));

    [Fact]
    public void With_file_keeps_the_filler_after_the_changed_object()
    {
        var image = fixture.Image("yamada-taro");
        var before = image.ReadPhysicalFile(ApplicationKind.Surface, 0x0003);
        var changed = image.WithFile(ApplicationKind.Surface, 0x0003, bytes => [.. bytes, 0xAB]);
        var after = changed.ReadPhysicalFile(ApplicationKind.Surface, 0x0003);
        var filler = before.Length - image.ReadFile(ApplicationKind.Surface, 0x0003).Length;
        Assert.Equal(before.Length + 1, after.Length);
        Assert.Equal(0xAB, changed.ReadFile(ApplicationKind.Surface, 0x0003)[^1]);
        Assert.All(after[^filler..], b => Assert.Equal(0xFF, b));
        Assert.Same(image.Profile, changed.Profile);
    }

    [Fact]
    public void Processing_time_follows_the_profile_timing_and_extended_ne()
    {
        var card = fixture.Card();
        Assert.True(card.ProcessingTime(Hex.Bytes("00B00000000400")) > card.ProcessingTime(Hex.Bytes("00B0000000")));
        Assert.Equal(CardTiming.Assumed.RsaPrivateKey, card.ProcessingTime(Hex.Bytes("0088009905010203040500")));
        var slow = new VirtualMyNumberCard(fixture.Image("yamada-taro") with
        {
            Profile = CardProfile.Current with { Timing = CardTiming.Assumed with { Select = TimeSpan.FromMilliseconds(60) } },
        });
        Assert.Equal(TimeSpan.FromMilliseconds(60), slow.ProcessingTime(Hex.Bytes("00A4020C020004")));
    }

    /// <summary>
    /// The README's <i>Timing [U]</i> bounds, pinned: FWT = 256 × 16 / fc × 2^FWI from each published ATQB. Every assumed figure
    /// of a command that does not use a private key (and every read up to 4 KB) fits in FWI 10's FWT, so those need no S(WTX) on
    /// any profile; the private-key operations exceed it (S(WTX) on FWI 10) and fit in FWI 13's FWT.
    /// </summary>
    [Fact]
    public void Assumed_times_sit_where_the_readme_bounds_them_by_the_published_fwts()
    {
        static TimeSpan Fwt(int fwi) => TimeSpan.FromSeconds(256.0 * 16 / 13.56e6 * (1 << fwi));
        var fwis = ContactlessIdentity.All.Select(c => c.Fwi).Distinct().Order().ToArray();
        Assert.Equal([10, 13], fwis);
        Assert.InRange(Fwt(10).TotalMilliseconds, 309, 310);
        Assert.InRange(Fwt(13).TotalMilliseconds, 2474, 2475);

        var t = CardTiming.Assumed;
        foreach (var quick in new[] { t.Other, t.Select, t.Read(256), t.Read(4096), t.VerifyQuery, t.VerifyWithValue, t.GetChallenge })
        {
            Assert.True(quick < Fwt(10), $"{quick.TotalMilliseconds} ms is beyond FWI 10's FWT");
        }

        foreach (var privateKey in new[] { t.RsaPrivateKey, t.EcdsaSign })
        {
            Assert.True(privateKey > Fwt(10) && privateKey < Fwt(13), $"{privateKey.TotalMilliseconds} ms");
        }

        Assert.True(t.Read(65536) > Fwt(10)); // a whole 64 KB extended read would need S(WTX) on FWI 10
    }
}
