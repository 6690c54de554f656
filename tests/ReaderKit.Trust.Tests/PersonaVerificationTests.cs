using ReaderKit.Apdu;
using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Personas;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>The full verifier against every VCARD persona through the direct transport (no PN532).</summary>
public sealed class PersonaVerificationTests
{
    public static TheoryData<string> Personas() => [.. PersonaCatalog.All.Select(p => p.Name)];

    private static (VirtualMyNumberCard Card, CountingChannel Channel) Open(Persona persona)
    {
        var card = VirtualMyNumberCard.Create(persona, VirtualCards.Photos);
        return (card, new CountingChannel(new ApduChannel(new VirtualCardTransport(card))));
    }

    [Theory]
    [MemberData(nameof(Personas))]
    public void Our_era_calendar_builds_the_same_verification_number_as_the_persona(string name)
    {
        var persona = PersonaCatalog.Get(name);
        using var number = VirtualCards.NumberFor(persona);
        var digits = (byte[])typeof(VerificationNumberB).GetMethod("CopyDigits", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.Invoke(number, null)!;
        Assert.Equal(persona.VerificationNumberB, System.Text.Encoding.ASCII.GetString(digits));
    }

    [Theory]
    [MemberData(nameof(Personas))]
    public async Task Every_persona_gets_its_expected_verdict(string name)
    {
        var persona = PersonaCatalog.Get(name);
        var (_, channel) = Open(persona);
        using var number = VirtualCards.NumberFor(persona);
        switch (name)
        {
            case "b-blocked":
                var blocked = await Assert.ThrowsAsync<CredentialBlockedException>(() => VirtualCards.Inspector().InspectAsync(channel, number, null, CancellationToken.None));
                Assert.Equal(0, blocked.RemainingTries);
                Assert.Equal(0, channel.VerifyValues);
                return;
            case "b-two-left":
                var floor = await Assert.ThrowsAsync<RetryFloorReachedException>(() => VirtualCards.Inspector().InspectAsync(channel, number, null, CancellationToken.None));
                Assert.Equal(2, floor.RemainingTries);
                Assert.Equal(0, channel.VerifyValues);
                return;
        }

        using var result = await VirtualCards.Inspector(VirtualCards.Options() with { ReadAgeRecord = true }).InspectAsync(channel, number, null, CancellationToken.None);
        var report = string.Join("\n", result.Checks);
        switch (name)
        {
            case "clone":
                Assert.False(result.IsGenuine, report);
                Assert.Equal(CheckStatus.Fail, result.Checks.Single(c => c.Name == CheckNames.SurfaceCardPresence).Status);
                Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.SurfaceCardFace).Status);
                Assert.Single(result.Checks, c => c.Name == CheckNames.SurfaceCardPresence && c.Reason.Contains("cloned", StringComparison.Ordinal));
                break;
            case "expired":
                Assert.True(result.IsGenuine, report);
                Assert.False(result.IsAccepted, report);
                Assert.Contains("expired on 2025-12-01", result.Checks.Single(c => c.Name == CheckNames.CardNotExpired).Reason, StringComparison.Ordinal);
                Assert.Equal(CheckStatus.Warn, result.Checks.Single(c => c.Name == CheckNames.JpkiAuthCertificateValidity).Status);
                Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.JpkiAuthCertificatePath).Status);
                Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.SurfaceCardPresence).Status);
                break;
            default:
                Assert.True(result.IsGenuine, report);
                Assert.DoesNotContain(result.Checks, c => c.Status == CheckStatus.Fail);
                Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.JpkiAuthCertificatePath).Status);
                // JPKI certificates expire on the 5th birthday after issue, often long before the card: advisory only.
                var certificateValid = persona.CertificateExpiry >= DateOnly.FromDateTime(VirtualCards.At.UtcDateTime);
                Assert.Equal(certificateValid ? CheckStatus.Pass : CheckStatus.Warn, result.Checks.Single(c => c.Name == CheckNames.JpkiAuthCertificateValidity).Status);
                Assert.True(result.IsAccepted, report);
                Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.TextAttributesDigest).Status);
                Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.TextBoundToChip).Status);
                Assert.Equal("6000023/" + (persona.Algorithm == ReaderKit.VirtualCard.Crypto.CardKeyAlgorithm.Rsa2048 ? "001" : "002"), result.SurfaceAnchor!.Name);
                break;
        }

        // Data, where the signatures held.
        Assert.Equal(persona.Holder.DateOfBirth, result.BirthDate);
        Assert.Equal((int)persona.Holder.Sex, (int)result.Sex!.Value);
        var text = name == "clone" ? result.UnboundTextAttributes : result.TextAttributes;
        Assert.Equal(persona.Holder.FullName, text!.Name);
        Assert.Equal(persona.Holder.Address, text.Address);
        Assert.Equal(persona.ExpiryDate, result.Expiry!.Value);
        Assert.Equal(persona.MunicipalityCode, result.MunicipalityCode!.Value);
        Assert.Equal(persona.CardSerial, result.CommonRecord!.SerialNumber);
        Assert.Equal(0x6A, result.PhotoJpeg2000![4]);
        Assert.Equal(persona.Holder.DateOfBirth, result.AgeRecordBirthDate);
        Assert.Null(result.MyNumber);
        Assert.Equal(persona.InitialTries(CredentialSlot.SurfaceVerificationB), result.RemainingTriesBeforeVerify);
        // Never a My Number file access without a purpose.
        Assert.DoesNotContain(channel.Sent, c => c.Ins == 0x20 && c.Data.Length == 12);
        if (persona.Algorithm == ReaderKit.VirtualCard.Crypto.CardKeyAlgorithm.EcdsaP384)
        {
            Assert.Contains("ECDSA P-384", result.Checks.Single(c => c.Name == CheckNames.SurfaceCardFace).Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task My_number_is_returned_only_under_a_purpose_with_the_pin()
    {
        var persona = PersonaCatalog.Get("sato-hanako");
        var (_, channel) = Open(persona);
        using var number = VirtualCards.NumberFor(persona);
        using var pin = CardPin.FourDigit(persona.TextPin);
        using var result = await VirtualCards.Inspector(VirtualCards.Options() with { MyNumberPurpose = "番号法 §9 test", MyNumberPin = pin }).InspectAsync(channel, number, null, CancellationToken.None);
        Assert.True(result.IsAccepted, string.Join("\n", result.Checks));
        Assert.Equal(CheckStatus.Pass, result.Checks.Single(c => c.Name == CheckNames.TextMyNumberDigest).Status);
        var digits = new char[12];
        result.MyNumber!.CopyTo(digits);
        Assert.Equal(persona.MyNumber, new string(digits));
        Assert.DoesNotContain(persona.MyNumber, result.MyNumber.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_dump_of_a_virtual_card_passes_through_the_same_verifier()
    {
        var persona = PersonaCatalog.Get("sato-hanako");
        var (card, _) = Open(persona);
        var image = card.Image;
        var evidence = new CardEvidence
        {
            SurfaceCertificate = image.ReadFile(ReaderKit.VirtualCard.Files.ApplicationKind.Surface, 0x0004),
            SurfaceCardFace = image.ReadFile(ReaderKit.VirtualCard.Files.ApplicationKind.Surface, 0x0002),
            TextCertificate = image.ReadFile(ReaderKit.VirtualCard.Files.ApplicationKind.Text, 0x0004),
            TextAttributes = image.ReadFile(ReaderKit.VirtualCard.Files.ApplicationKind.Text, 0x0002),
            TextIntegrity = image.ReadFile(ReaderKit.VirtualCard.Files.ApplicationKind.Text, 0x0003),
            JpkiAuthCertificate = image.ReadFile(ReaderKit.VirtualCard.Files.ApplicationKind.Jpki, 0x000A),
            JpkiAuthCaCertificate = image.ReadFile(ReaderKit.VirtualCard.Files.ApplicationKind.Jpki, 0x000B),
        };
        var result = new EvidenceVerifier(VirtualCards.Trust()).VerifyAll(evidence, new EvidenceContext(VirtualCards.At));
        Assert.True(result.AllPassed, string.Join("\n", result.Checks));
        await Task.CompletedTask;
    }
}
