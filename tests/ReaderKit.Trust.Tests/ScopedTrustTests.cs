using ReaderKit.Card.Credentials;
using ReaderKit.Trust.Tests.Fixtures;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Personas;
using Xunit;

namespace ReaderKit.Trust.Tests;

/// <summary>
/// Trust is scoped per card application: a surface CVC only chains to a surface-ap anchor, a text CVC only to a text-ap
/// anchor, the MF-chain key certifies no AP data. Every CVC here is correctly signed by the key it names — only the role
/// can refuse it.
/// </summary>
public sealed class ScopedTrustTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, bool> WrongIssuers() => new()
    {
        { "surface-cvc-by-text-ca", false }, { "surface-cvc-by-text-ca", true },
        { "surface-cvc-by-mf-key", false }, { "surface-cvc-by-mf-key", true },
        { "text-cvc-by-surface-ca", false }, { "text-cvc-by-surface-ca", true },
        { "text-cvc-by-mf-key", false }, { "text-cvc-by-mf-key", true },
    };

    [Theory]
    [MemberData(nameof(WrongIssuers))]
    public void A_cvc_signed_by_another_applications_anchor_is_refused(string variant, bool ecdsa)
    {
        var card = TestCard.Create(new TestCardSpec { Ecdsa = ecdsa });
        var surfaceSubject = TestCard.KeyId("6123452");
        var textSubject = TestCard.KeyId("6123453");
        // Re-issue the CVC with the right subject key, correctly signed by the one CA key, under the wrong role's key id.
        var (check, application, wrongId) = variant switch
        {
            "surface-cvc-by-text-ca" => (CheckNames.SurfaceCvc, "surface", TestCard.TextCaKeyId),
            "surface-cvc-by-mf-key" => (CheckNames.SurfaceCvc, "surface", TestCard.MfCaKeyId),
            "text-cvc-by-surface-ca" => (CheckNames.TextCvc, "text", TestCard.SurfaceCaKeyId),
            _ => (CheckNames.TextCvc, "text", TestCard.MfCaKeyId),
        };
        if (application == "surface")
        {
            card.SurfaceCvc = TestCard.BuildCvc(wrongId, surfaceSubject, SubjectOf(card.SurfaceCvc), card.Ca);
        }
        else
        {
            card.TextCvc = TestCard.BuildCvc(wrongId, textSubject, SubjectOf(card.TextCvc), card.Ca);
        }

        // The same bytes under a role-less verifier would pass: the signature is genuine.
        var cvc = CardVerifiableCertificate.Parse(application == "surface" ? card.SurfaceCvc : card.TextCvc);
        Assert.True(card.Ca.PublicKey.Verify(cvc.Body, cvc.Signature));

        var result = new EvidenceVerifier(card.TrustOptions()).VerifyAll(card.Evidence(), new EvidenceContext(At));
        var outcome = Assert.Single(result.Checks, c => c.Name == check);
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains($"may not certify {application}-AP keys", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains($"only chain to a {application}-ap key", outcome.Reason, StringComparison.Ordinal);
        if (application == "surface")
        {
            Assert.Null(result.CardFace);
            Assert.Null(result.SurfaceAnchor);
        }
        else
        {
            Assert.Null(result.TextAttributes);
            Assert.Null(result.UnboundTextAttributes);
            Assert.Null(result.TextAnchor);
        }
    }

    [Theory]
    [InlineData("text-ca")]
    [InlineData("mf-key")]
    public async Task Virtual_card_whose_surface_cvc_is_issued_by_the_wrong_anchor_is_not_genuine(string issuer)
    {
        // The simulator's own hierarchy: its text anchor (6000033) or MF-chain anchor (6000020) certifies the real surface issuer key.
        var persona = PersonaCatalog.Get("sato-hanako");
        var pki = TestPki.Default;
        var hierarchy = pki.Cvc(persona.Algorithm);
        var wrong = issuer == "text-ca" ? hierarchy.TextCa : hierarchy.MfRoot;
        Assert.False(wrong.Role == CvcAuthorityRole.SurfaceApAnchor);
        var image = new CardPersonalizer(pki, VirtualCards.Photos).Personalize(persona)
            .WithFile(ApplicationKind.Surface, 0x0004, _ => wrong.IssueCvc(hierarchy.SurfaceIssuerKeyId(persona.MunicipalityCode), hierarchy.SurfaceIssuerFor(persona.MunicipalityCode).Key));
        var channel = new ReaderKit.Apdu.ApduChannel(new VirtualCardTransport(new VirtualMyNumberCard(image)));
        using var number = VirtualCards.NumberFor(persona);
        using var result = await VirtualCards.Inspector().InspectAsync(channel, number, null, CancellationToken.None);
        Assert.False(result.IsGenuine);
        var cvc = Assert.Single(result.Checks, c => c.Name == CheckNames.SurfaceCvc);
        Assert.Equal(CheckStatus.Fail, cvc.Status);
        Assert.Contains($"{CvcKeyId.Describe(wrong.KeyId)} (role {wrong.TrustFileRole}", cvc.Reason, StringComparison.Ordinal);
        Assert.Null(result.PhotoJpeg2000);
        Assert.Null(result.SurfaceAnchor);
    }

    [Fact]
    public void Built_in_anchors_carry_the_roles_from_the_reference()
    {
        var store = TrustStore.Production;
        Assert.Equal(TrustAnchorRole.MfChain, store.FindIssuerKey(Convert.FromHexString("353030303032300805303031000000A8"))!.Anchor.Role);
        Assert.Equal(TrustAnchorRole.SurfaceApCvcIssuer, store.FindIssuerKey(TestCard.KeyId("5000023"))!.Anchor.Role);
        Assert.Equal(TrustAnchorRole.TextApCvcIssuer, store.FindIssuerKey(TestCard.KeyId("5000033"))!.Anchor.Role);
        Assert.All(store.IssuerKeys, k => Assert.Equal(TrustAnchorOrigin.BuiltIn, k.Anchor.Origin));
        Assert.All(store.IssuerKeys, k => Assert.False(k.Anchor.IsTestAnchor));
        Assert.Equal(2, store.JpkiRootsFor(TrustAnchorRole.JpkiAuthRoot).Count());
        Assert.Equal(2, store.JpkiRootsFor(TrustAnchorRole.JpkiSignRoot).Count());
        Assert.All(store.JpkiRootsFor(TrustAnchorRole.JpkiAuthRoot), r => Assert.Contains("user authentication", r.Certificate.SubjectDN.ToString(), StringComparison.Ordinal));
        Assert.All(store.JpkiRootsFor(TrustAnchorRole.JpkiSignRoot), r => Assert.Contains("digital signature", r.Certificate.SubjectDN.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Test_anchors_are_refused_without_the_opt_in_and_accepted_with_it()
    {
        var card = TestCard.Create();
        var refused = new EvidenceVerifier(card.TrustOptions(allowTestAnchors: false)).VerifyAll(card.Evidence(), new EvidenceContext(At));
        foreach (var name in new[] { CheckNames.SurfaceCvc, CheckNames.TextCvc })
        {
            var outcome = Assert.Single(refused.Checks, c => c.Name == name);
            Assert.Equal(CheckStatus.Fail, outcome.Status);
            Assert.Contains("test-hierarchy anchor: refused without AllowTestAnchors", outcome.Reason, StringComparison.Ordinal);
        }

        Assert.Null(refused.CardFace);
        Assert.Empty(refused.AnchorsUsed);

        var accepted = new EvidenceVerifier(card.TrustOptions(allowTestAnchors: true)).VerifyAll(card.Evidence(), new EvidenceContext(At));
        Assert.True(accepted.AllPassed, string.Join("\n", accepted.Checks));
        Assert.NotNull(accepted.CardFace);
    }

    [Fact]
    public void A_production_like_key_id_marked_test_in_the_file_is_a_test_anchor()
    {
        var card = TestCard.Create();
        var id = TestCard.KeyId("5990023");
        card.SurfaceCvc = TestCard.BuildCvc(id, TestCard.KeyId("6123452"), SubjectOf(card.SurfaceCvc), card.Ca);
        var modulus = Convert.ToHexString(((RsaCardPublicKey)card.Ca.PublicKey).Modulus);
        string Json(bool test) => $"{{\"cvcIssuerKeys\":[{{\"keyId\":\"{Convert.ToHexString(id)}\",\"role\":\"surface-ap\",\"modulus\":\"{modulus}\",\"exponent\":\"010001\",\"test\":{(test ? "true" : "false")}}}]}}";
        var evidence = new CardEvidence { SurfaceCertificate = card.SurfaceCvc, SurfaceCardFace = card.CardFace };

        var marked = new EvidenceVerifier(new TrustOptions { TrustStore = TrustStore.Production.WithJson(Json(true), "marked.json") }).VerifyAll(evidence, new EvidenceContext(At));
        Assert.Equal(CheckStatus.Fail, marked.StatusOf(CheckNames.SurfaceCvc));

        // Not marked and not 6…: a file anchor (e.g. a rotated production key) — used without the opt-in, and named as from the file.
        var unmarked = new EvidenceVerifier(new TrustOptions { TrustStore = TrustStore.Production.WithJson(Json(false), "rotated.json") }).VerifyAll(evidence, new EvidenceContext(At));
        Assert.Equal(CheckStatus.Pass, unmarked.StatusOf(CheckNames.SurfaceCvc));
        var anchor = unmarked.SurfaceAnchor!;
        Assert.True(anchor.IsFromFile);
        Assert.False(anchor.IsTestAnchor);
        Assert.Equal("5990023/001", anchor.Name);
        Assert.Equal("rotated.json cvcIssuerKeys[0]", anchor.Source);
        Assert.Contains("from file rotated.json cvcIssuerKeys[0]", unmarked.Checks.Single(c => c.Name == CheckNames.SurfaceCvc).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_live_result_names_its_anchors()
    {
        var card = TestCard.Create();
        using var vnb = VerificationNumberB.Parse(card.Spec.VerificationNumber);
        using var result = await CardInspectorTests.Inspector(card).InspectAsync(card.Channel(), vnb, null, CancellationToken.None);
        Assert.True(result.IsGenuine, string.Join("\n", result.Checks));
        var surface = result.SurfaceAnchor!;
        Assert.Equal("6990023/001", surface.Name);
        Assert.Equal(Convert.ToHexString(TestCard.SurfaceCaKeyId), surface.Identifier);
        Assert.Equal(TrustAnchorRole.SurfaceApCvcIssuer, surface.Role);
        Assert.Equal(TrustAnchorOrigin.File, surface.Origin);
        Assert.Equal("test.json cvcIssuerKeys[0]", surface.Source);
        Assert.True(surface.IsTestAnchor);
        Assert.Equal(TrustAnchorRole.TextApCvcIssuer, result.TextAnchor!.Role);
        Assert.Equal([surface, result.TextAnchor], result.AnchorsUsed);
        Assert.True(result.UsedTestAnchor);
        Assert.True(result.UsedFileAnchor);
        Assert.Contains("6990023/001 (role surface-ap, from file test.json cvcIssuerKeys[0], TEST anchor)", result.Checks.Single(c => c.Name == CheckNames.SurfaceCvc).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_simulators_trust_file_only_works_with_the_opt_in()
    {
        var persona = PersonaCatalog.Get("yamada-taro");
        using var number = VirtualCards.NumberFor(persona);
        var card = VirtualMyNumberCard.Create(persona, VirtualCards.Photos);
        var channel = new ReaderKit.Apdu.ApduChannel(new VirtualCardTransport(card));
        using var refused = await VirtualCards.Inspector(allowTestAnchors: false).InspectAsync(channel, number, null, CancellationToken.None);
        Assert.False(refused.IsGenuine);
        Assert.Contains("refused without AllowTestAnchors", refused.Checks.Single(c => c.Name == CheckNames.SurfaceCvc).Reason, StringComparison.Ordinal);
        Assert.Null(refused.PhotoJpeg2000);
        Assert.Equal(CheckStatus.Warn, refused.Checks.Single(c => c.Name == CheckNames.JpkiAuthCertificatePath).Status);

        card.FieldOff();
        using var accepted = await VirtualCards.Inspector(allowTestAnchors: true).InspectAsync(channel, number, null, CancellationToken.None);
        Assert.True(accepted.IsAccepted, string.Join("\n", accepted.Checks));
        Assert.True(accepted.UsedTestAnchor);
        Assert.Equal("6000023/001", accepted.SurfaceAnchor!.Name);
        Assert.Equal(TrustAnchorRole.JpkiAuthRoot, accepted.JpkiAnchor!.Role);
        Assert.True(accepted.JpkiAnchor.IsTestAnchor);
        Assert.All(accepted.AnchorsUsed, a => Assert.Equal("TestPki.Default", a.Source.Split(' ')[0]));
    }

    private static CardPublicKey SubjectOf(byte[] cvc) => CardVerifiableCertificate.Parse(cvc).SubjectPublicKey;
}
