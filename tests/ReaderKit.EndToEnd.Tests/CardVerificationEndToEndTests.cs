using System.Security.Cryptography;
using System.Text;
using ReaderKit.Card.Credentials;
using ReaderKit.Emulation.Pn532;
using ReaderKit.Nfc;
using ReaderKit.Trust;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;
using Xunit;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// CardInspector.InspectAsync for every persona through the production PN532 driver (ReaderKit.Nfc) over the emulated chip's
/// I2C attachment, with VCARD's virtual card in the emulated RF field: byte-level, end to end.
/// </summary>
public sealed class CardVerificationEndToEndTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<TrustStore> Trust = new(() => TrustStore.Production.WithJson(TestPki.Default.ExportTrustJson(), "TestPki.Default"));

    private static readonly IChipPhotoSource Photos = new DelegateChipPhotoSource(p =>
    {
        var body = SHA256.HashData(Encoding.UTF8.GetBytes(p.DataIdentity));
        return [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. Enumerable.Range(0, 6000).Select(i => body[i % 32])];
    });

    public static TheoryData<string> Personas() => [.. PersonaCatalog.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Personas))]
    public async Task Every_persona_over_i2c(string name)
    {
        var persona = PersonaCatalog.Get(name);
        var emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = Pn532Timing.Instant });
        using var chip = new Pn532(new Pn532I2cLink(new Pn532I2cAttachment(emulator), new Pn532I2cOptions(BusFrequencyHz: 400_000)), new Pn532Options { AbortDrainTime = TimeSpan.FromMilliseconds(20), AckTimeout = TimeSpan.FromSeconds(2), CommandTimeout = TimeSpan.FromSeconds(5) });
        var card = VirtualMyNumberCard.Create(persona, Photos);
        emulator.Field.Insert(card);
        await chip.InitializeAsync();
        var target = await chip.ListTypeBTargetAsync() ?? throw new InvalidOperationException("no Type B card in the field");
        var channel = new Pn532ApduTransport(chip, target).CreateChannel(TimeSpan.FromSeconds(3));
        using var number = VerificationNumberB.Create(persona.Holder.DateOfBirth, persona.ExpiryDate.Year, persona.SecurityCode,
            persona.Holder.IsForeignResident ? BirthDateNotation.Western : BirthDateNotation.JapaneseEra);
        // The simulator's test PKI: its anchors are test anchors, accepted only with the opt-in.
        var inspector = new CardInspector(new TrustOptions { TrustStore = Trust.Value, AllowTestAnchors = true }, new CardInspectionOptions { VerificationTime = At });

        switch (name)
        {
            case "b-blocked":
                await Assert.ThrowsAsync<CredentialBlockedException>(() => inspector.InspectAsync(channel, number, null, CancellationToken.None));
                Assert.Equal(0, card.RemainingTries(ReaderKit.VirtualCard.Files.ApplicationKind.Surface, 0x0012));
                return;
            case "b-two-left":
                var floor = await Assert.ThrowsAsync<RetryFloorReachedException>(() => inspector.InspectAsync(channel, number, null, CancellationToken.None));
                Assert.Equal(2, floor.RemainingTries);
                Assert.Equal(2, card.RemainingTries(ReaderKit.VirtualCard.Files.ApplicationKind.Surface, 0x0012)); // no try spent
                return;
        }

        using var result = await inspector.InspectAsync(channel, number, null, CancellationToken.None);
        var report = string.Join("\n", result.Checks);
        Assert.Equal(name != "clone", result.IsGenuine);
        Assert.Equal(name == "clone" ? CheckStatus.Fail : CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.SurfaceCardPresence).Status);
        Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.SurfaceCardFace).Status);
        Assert.Equal(name == "expired" ? CheckStatus.Fail : CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.CardNotExpired).Status);
        Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.TextAttributesDigest).Status);
        Assert.Equal(persona.Holder.DateOfBirth, result.BirthDate);
        // A clone's text AP is signed but not bound to its chip: reported as unbound, never as verified.
        Assert.Equal(persona.Holder.FullName, (name == "clone" ? result.UnboundTextAttributes : result.TextAttributes)?.Name);
        Assert.Equal(name == "clone" ? TextBinding.Unbound : TextBinding.SurfaceChipKey, result.TextBinding);
        Assert.Equal(6012, result.PhotoJpeg2000?.Length);
        Assert.Null(result.MyNumber);
        Assert.NotEmpty(result.Timings);
        Assert.True(report.Length > 0);
    }

    public static TheoryData<string> TypeBProfiles() => [.. CardProfile.All.Where(p => !p.IsPhone).Select(p => p.Name)];

    /// <summary>
    /// Every model of card (the three published ATQB/ATR variants, FWI 10 and 13; a card without extended length; the stricter
    /// chip-challenge rule) verifies genuine through the production driver: nothing filters on one ATQB or ATR, and nothing relies
    /// on the card refusing — or answering — <c>80 2A 00 00</c> without a credential (ReaderKit sends it after 照合番号B).
    /// </summary>
    [Theory]
    [MemberData(nameof(TypeBProfiles))]
    public async Task Every_card_profile_verifies_genuine_over_i2c(string profileName)
    {
        var profile = CardProfile.Get(profileName);
        var persona = PersonaCatalog.Default;
        var emulator = new Pn532Emulator(new Pn532EmulatorOptions { Timing = Pn532Timing.Instant });
        using var chip = new Pn532(new Pn532I2cLink(new Pn532I2cAttachment(emulator), new Pn532I2cOptions(BusFrequencyHz: 400_000)), new Pn532Options { AbortDrainTime = TimeSpan.FromMilliseconds(20), AckTimeout = TimeSpan.FromSeconds(2), CommandTimeout = TimeSpan.FromSeconds(5) });
        var card = VirtualMyNumberCard.Create(persona, Photos, profile);
        emulator.Field.Insert(card);
        await chip.InitializeAsync();
        var target = await chip.ListTypeBTargetAsync() ?? throw new InvalidOperationException("no Type B card in the field");
        Assert.Equal(profile.Contactless.ApplicationData, target.ApplicationData.ToArray());
        Assert.Equal(profile.Contactless.Fwi, target.Fwi);
        var channel = new Pn532ApduTransport(chip, target).CreateChannel(TimeSpan.FromSeconds(3));
        using var number = VerificationNumberB.Create(persona.Holder.DateOfBirth, persona.ExpiryDate.Year, persona.SecurityCode, BirthDateNotation.JapaneseEra);
        var inspector = new CardInspector(new TrustOptions { TrustStore = Trust.Value, AllowTestAnchors = true }, new CardInspectionOptions { VerificationTime = At });

        using var result = await inspector.InspectAsync(channel, number, null, CancellationToken.None);
        Assert.True(result.IsGenuine, string.Join("\n", result.Checks));
        Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.SurfaceCardPresence).Status);
        Assert.Equal(persona.Holder.FullName, result.TextAttributes?.Name);
    }
}
