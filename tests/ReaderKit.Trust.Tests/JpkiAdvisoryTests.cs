using ReaderKit.Trust.Tests.Fixtures;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Personas;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>
/// JPKI never decides genuineness on its own: an unknown root generation, a refused test root or an expired e-certificate
/// is a WARN. Only a certificate that names a held root and fails its signature is a FAIL.
/// </summary>
public sealed class JpkiAdvisoryTests
{
    private static readonly VirtualMyNumberCard Card = VirtualMyNumberCard.Create(PersonaCatalog.Get("sato-hanako"), VirtualCards.Photos);

    private static CardEvidence Evidence(byte[]? certificate = null) => new()
    {
        JpkiAuthCertificate = certificate ?? Card.Image.ReadFile(ApplicationKind.Jpki, 0x000A),
        JpkiAuthCaCertificate = Card.Image.ReadFile(ApplicationKind.Jpki, 0x000B),
    };

    private static EvidenceResult Verify(TrustOptions trust, CardEvidence evidence, DateTimeOffset? at = null) =>
        new EvidenceVerifier(trust).VerifyAll(evidence, new EvidenceContext(at ?? VirtualCards.At));

    [Fact]
    public void A_root_generation_the_store_does_not_hold_is_advisory()
    {
        // The built-in roots do not include the one that issued this certificate, as for a 2019-generation card.
        var result = Verify(new TrustOptions(), Evidence());
        var path = Assert.Single(result.Checks, c => c.Name == CheckNames.JpkiAuthCertificatePath);
        Assert.Equal(CheckStatus.Warn, path.Status);
        Assert.Contains("does not hold", path.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Warn, result.StatusOf(CheckNames.JpkiAuthCaKnown));
        Assert.Equal(CheckStatus.Skip, result.StatusOf(CheckNames.JpkiAuthCertificateValidity));
        Assert.DoesNotContain(result.Checks, c => c.Status == CheckStatus.Fail);
        Assert.Null(result.JpkiAnchor);
    }

    [Fact]
    public void A_test_root_without_the_opt_in_is_advisory()
    {
        var result = Verify(VirtualCards.Trust(allowTestAnchors: false), Evidence());
        Assert.Equal(CheckStatus.Warn, result.StatusOf(CheckNames.JpkiAuthCertificatePath));
        Assert.Contains("refused without AllowTestAnchors", result.Checks.Single(c => c.Name == CheckNames.JpkiAuthCertificatePath).Reason, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Warn, result.StatusOf(CheckNames.JpkiAuthCaKnown));
    }

    [Fact]
    public void With_the_root_held_the_path_passes_and_names_its_anchor()
    {
        var result = Verify(VirtualCards.Trust(), Evidence());
        Assert.Equal(CheckStatus.Pass, result.StatusOf(CheckNames.JpkiAuthCertificatePath));
        Assert.Equal(CheckStatus.Pass, result.StatusOf(CheckNames.JpkiAuthCaKnown));
        Assert.Equal(CheckStatus.Pass, result.StatusOf(CheckNames.JpkiAuthCertificateValidity));
        Assert.Equal(TrustAnchorRole.JpkiAuthRoot, result.JpkiAnchor!.Role);
        Assert.True(result.JpkiAnchor.IsTestAnchor);
        Assert.True(result.JpkiAnchor.IsFromFile);
    }

    [Fact]
    public void A_root_held_only_as_a_signature_root_does_not_anchor_the_authentication_certificate()
    {
        var authRoot = Convert.ToBase64String(TestPki.Default.Jpki.AuthCa.GetEncoded());
        var store = TrustStore.Production.WithJson($"{{\"jpkiRoots\":[{{\"role\":\"jpki-sign\",\"certificate\":\"{authRoot}\",\"test\":true}}]}}", "sign-only.json");
        var result = Verify(new TrustOptions { TrustStore = store, AllowTestAnchors = true }, Evidence());
        Assert.Equal(CheckStatus.Warn, result.StatusOf(CheckNames.JpkiAuthCertificatePath));
        Assert.Null(result.JpkiAnchor);
    }

    [Fact]
    public void An_expired_e_certificate_is_advisory_and_the_card_stays_valid()
    {
        var persona = PersonaCatalog.Get("sato-hanako");
        Assert.True(persona.CertificateExpiry < persona.ExpiryDate);
        var at = new DateTimeOffset(persona.CertificateExpiry.AddDays(10).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var evidence = Evidence() with
        {
            SurfaceCertificate = Card.Image.ReadFile(ApplicationKind.Surface, 0x0004),
            SurfaceCardFace = Card.Image.ReadFile(ApplicationKind.Surface, 0x0002),
        };
        var result = Verify(VirtualCards.Trust(), evidence, at);
        var validity = Assert.Single(result.Checks, c => c.Name == CheckNames.JpkiAuthCertificateValidity);
        Assert.Equal(CheckStatus.Warn, validity.Status);
        Assert.Contains("advisory", validity.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, result.StatusOf(CheckNames.JpkiAuthCertificatePath));
        Assert.Equal(CheckStatus.Pass, result.StatusOf(CheckNames.CardNotExpired));
        Assert.True(result.AllPassed, string.Join("\n", result.Checks));
    }

    [Fact]
    public void A_certificate_that_names_a_held_root_but_fails_its_signature_is_forged()
    {
        var certificate = Card.Image.ReadFile(ApplicationKind.Jpki, 0x000A);
        certificate[^5] ^= 0x01; // inside the signature BIT STRING
        var result = Verify(VirtualCards.Trust(), Evidence(certificate));
        var path = Assert.Single(result.Checks, c => c.Name == CheckNames.JpkiAuthCertificatePath);
        Assert.Equal(CheckStatus.Fail, path.Status);
        Assert.Contains("forged or altered", path.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_certificate_is_advisory()
    {
        var result = Verify(VirtualCards.Trust(), Evidence([0x30, 0x03, 0x01, 0x02, 0x03]));
        Assert.Equal(CheckStatus.Warn, result.StatusOf(CheckNames.JpkiAuthCertificatePath));
    }
}
