using System.Collections.Concurrent;
using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Trust.Tests;

/// <summary>Offline judgement of a phone's JPKI authentication: chain (fail closed), validity, key challenge.</summary>
public sealed class JpkiPossessionTests
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<JpkiAuthenticationEvidence>>> Evidence = new(StringComparer.Ordinal);

    private static readonly DateTimeOffset Now = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    private static TrustOptions TestTrust => new() { TrustStore = TrustStore.Empty.WithJson(TestPki.Default.ExportTrustJson(), "test-pki"), AllowTestAnchors = true };

    private static Task<JpkiAuthenticationEvidence> Read(string persona) => Evidence.GetOrAdd(persona, name => new Lazy<Task<JpkiAuthenticationEvidence>>(async () =>
    {
        var card = VirtualMyNumberCard.Create(PersonaCatalog.Get(name), new SyntheticPortraitPhotoSource());
        using var pin = CardPin.FourDigit(card.Persona.AuthPin);
        return await JpkiAuthentication.RunAsync(new ApduChannel(new VirtualCardTransport(card, 258)), pin, RetryPolicy.Default, CancellationToken.None);
    })).Value;

    private static CheckStatus Status(JpkiPossessionResult result, string name) => result.Checks.Single(c => c.Name == name).Status;

    [Fact]
    public async Task A_genuine_phone_proves_possession_of_a_jlis_issued_key_and_nothing_more()
    {
        var result = new JpkiPossessionVerifier(TestTrust).Verify(await Read("phone"), Now);
        Assert.Equal(JpkiTokenKind.Phone, result.Carrier);
        Assert.Equal(
            [JpkiPossessionChecks.Token, JpkiPossessionChecks.Chain, JpkiPossessionChecks.Validity, JpkiPossessionChecks.Challenge, JpkiPossessionChecks.CardFace],
            result.Checks.Select(c => c.Name));
        Assert.True(result.ChainTrusted);
        Assert.True(result.ValidAtVerificationTime);
        Assert.True(result.KeyPossessionProven);
        Assert.True(result.IsGenuine);
        Assert.NotNull(result.Anchor);
        Assert.True(result.Anchor.IsTestAnchor);
        Assert.Equal(CheckStatus.Skip, Status(result, JpkiPossessionChecks.CardFace));
        Assert.Contains(JpkiPossessionResult.CannotProve, s => s.Contains("name, address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_phone_replaying_a_certificate_without_its_key_fails_the_challenge()
    {
        var result = new JpkiPossessionVerifier(TestTrust).Verify(await Read("phone-replay"), Now);
        Assert.True(result.ChainTrusted);
        Assert.Equal(CheckStatus.Fail, Status(result, JpkiPossessionChecks.Challenge));
        Assert.False(result.IsGenuine);
    }

    [Fact]
    public async Task An_unknown_issuer_fails_closed()
    {
        var evidence = await Read("phone");
        foreach (var store in new[] { TrustStore.Empty, TrustStore.Production })
        {
            var result = new JpkiPossessionVerifier(new TrustOptions { TrustStore = store, AllowTestAnchors = true }).Verify(evidence, Now);
            Assert.Equal(CheckStatus.Fail, Status(result, JpkiPossessionChecks.Chain));
            Assert.Equal(CheckStatus.Skip, Status(result, JpkiPossessionChecks.Challenge));
            Assert.False(result.IsGenuine);
        }
    }

    [Fact]
    public async Task A_test_root_is_refused_without_allow_test_anchors()
    {
        var trust = TestTrust with { AllowTestAnchors = false };
        var result = new JpkiPossessionVerifier(trust).Verify(await Read("phone"), Now);
        Assert.Equal(CheckStatus.Fail, Status(result, JpkiPossessionChecks.Chain));
        Assert.Contains("test root", result.Checks.Single(c => c.Name == JpkiPossessionChecks.Chain).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_altered_certificate_or_signature_fails()
    {
        var evidence = await Read("phone");
        var certificate = (byte[])evidence.AuthCertificate.Clone();
        certificate[^5] ^= 0x01; // inside the CA's signature
        var forged = new JpkiPossessionVerifier(TestTrust).Verify(evidence with { AuthCertificate = certificate }, Now);
        Assert.Equal(CheckStatus.Fail, Status(forged, JpkiPossessionChecks.Chain));

        var signature = (byte[])evidence.Signature.Clone();
        signature[10] ^= 0x01;
        Assert.Equal(CheckStatus.Fail, Status(new JpkiPossessionVerifier(TestTrust).Verify(evidence with { Signature = signature }, Now), JpkiPossessionChecks.Challenge));

        // The signature belongs to its nonce: another nonce does not verify (no replay of an old answer).
        var otherNonce = new JpkiPossessionVerifier(TestTrust).Verify(evidence with { Nonce = new byte[32] }, Now);
        Assert.Equal(CheckStatus.Fail, Status(otherNonce, JpkiPossessionChecks.Challenge));

        Assert.Equal(CheckStatus.Fail, Status(new JpkiPossessionVerifier(TestTrust).Verify(evidence with { AuthCertificate = [0x30, 0x00] }, Now), JpkiPossessionChecks.Chain));
        Assert.Equal(CheckStatus.Fail, Status(new JpkiPossessionVerifier(TestTrust).Verify(evidence with { Nonce = evidence.Nonce[..8] }, Now), JpkiPossessionChecks.Challenge));
    }

    [Fact]
    public async Task Validity_is_judged_at_the_verification_time()
    {
        var evidence = await Read("phone");
        var result = new JpkiPossessionVerifier(TestTrust).Verify(evidence, new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.True(result.ChainTrusted);
        Assert.Equal(CheckStatus.Fail, Status(result, JpkiPossessionChecks.Validity));
        Assert.False(result.ValidAtVerificationTime);
        Assert.True(result.IsGenuine);
    }

    [Fact]
    public async Task An_unknown_token_label_is_advisory()
    {
        var evidence = await Read("phone");
        var result = new JpkiPossessionVerifier(TestTrust).Verify(evidence with { Token = new JpkiTokenInfo("SOMEPHONETOKEN") }, Now);
        Assert.Equal(CheckStatus.Warn, Status(result, JpkiPossessionChecks.Token));
        Assert.True(result.IsGenuine);
    }
}
