using System.Collections.Concurrent;
using ReaderKit.Apdu;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Card.Records;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using Xunit;

namespace ReaderKit.Card.Tests;

/// <summary>The JPKI user-authentication exchange over the virtual phone and card: token, retry-safe PIN, certificate, challenge.</summary>
public sealed class JpkiAuthenticationTests
{
    private static readonly ConcurrentDictionary<string, Lazy<CardImage>> Images = new(StringComparer.Ordinal);

    private static VirtualMyNumberCard Card(string persona) => new(Images.GetOrAdd(persona, name => new Lazy<CardImage>(
        () => new CardPersonalizer(VirtualCard.Crypto.TestPki.Default, new SyntheticPortraitPhotoSource()).Personalize(PersonaCatalog.Get(name)))).Value);

    private static ApduChannel Channel(VirtualMyNumberCard card) => new(new VirtualCardTransport(card, 258));

    private static int PinVerifies(VirtualMyNumberCard card) => card.ExecutedValueVerifies(ApplicationKind.Jpki, JpkiAp.AuthPinKey);

    [Theory]
    [InlineData("JPKIAPGPSETOKEN", JpkiTokenKind.Phone)]
    [InlineData("JPKIAPICCTOKEN2", JpkiTokenKind.PlasticCard)]
    [InlineData("JPKIAPICCTOKEN", JpkiTokenKind.PlasticCard)]
    [InlineData("JPKIAPGPSETOKEN2", JpkiTokenKind.Unknown)]
    [InlineData("", JpkiTokenKind.Unknown)]
    public void The_token_label_names_the_carrier(string label, JpkiTokenKind kind)
    {
        var file = new byte[160];
        file.AsSpan(0, 32).Fill((byte)' ');
        System.Text.Encoding.ASCII.GetBytes(label, file);
        Assert.Equal(kind, JpkiTokenInfo.Parse(file).Kind);
    }

    [Fact]
    public async Task The_right_pin_releases_the_certificate_and_the_key_signs_a_fresh_nonce()
    {
        var phone = Card("phone");
        using var pin = CardPin.FourDigit(phone.Persona.AuthPin);
        var first = await JpkiAuthentication.RunAsync(Channel(phone), pin, RetryPolicy.Default, CancellationToken.None);
        Assert.Equal(JpkiTokenKind.Phone, first.Token.Kind);
        Assert.Equal(3, first.RemainingTriesBeforeVerify);
        Assert.Equal(0x30, first.AuthCertificate[0]);
        Assert.Equal(256, first.Signature.Length);
        Assert.Equal(JpkiAuthentication.NonceLength, first.Nonce.Length);
        Assert.Equal(1, PinVerifies(phone));

        phone.FieldOff();
        var second = await JpkiAuthentication.RunAsync(Channel(phone), pin, RetryPolicy.Default, CancellationToken.None);
        Assert.NotEqual(first.Nonce, second.Nonce);
        Assert.NotEqual(first.Signature, second.Signature);
    }

    [Fact]
    public async Task A_plastic_card_runs_the_same_exchange_and_says_so()
    {
        var card = Card(PersonaCatalog.DefaultName);
        using var pin = CardPin.FourDigit(card.Persona.AuthPin);
        var evidence = await JpkiAuthentication.RunAsync(Channel(card), pin, RetryPolicy.Default, CancellationToken.None);
        Assert.Equal(JpkiTokenKind.PlasticCard, evidence.Token.Kind);
    }

    [Fact]
    public async Task A_wrong_pin_spends_one_try_and_reports_the_rest()
    {
        var phone = Card("phone");
        using var pin = CardPin.FourDigit(phone.Persona.AuthPin == "0000" ? "1111" : "0000");
        var e = await Assert.ThrowsAsync<CredentialRejectedException>(() => JpkiAuthentication.RunAsync(Channel(phone), pin, RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(2, e.RemainingTries);
        Assert.Equal(1, PinVerifies(phone));
        Assert.Equal(2, phone.RemainingTries(ApplicationKind.Jpki, JpkiAp.AuthPinKey));
    }

    [Fact]
    public async Task A_blocked_pin_sends_no_verify()
    {
        var phone = Card("phone-pin-blocked");
        using var pin = CardPin.FourDigit(phone.Persona.AuthPin);
        await Assert.ThrowsAsync<CredentialBlockedException>(() => JpkiAuthentication.RunAsync(Channel(phone), pin, RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(0, PinVerifies(phone));
    }

    [Fact]
    public async Task At_the_floor_no_verify_is_sent()
    {
        var phone = Card("phone-pin-two-left");
        using var pin = CardPin.FourDigit(phone.Persona.AuthPin);
        var e = await Assert.ThrowsAsync<RetryFloorReachedException>(() => JpkiAuthentication.RunAsync(Channel(phone), pin, RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(2, e.RemainingTries);
        Assert.Equal(0, PinVerifies(phone));
    }

    [Fact]
    public async Task A_link_failure_with_the_pin_in_flight_is_outcome_unknown_and_never_resent()
    {
        var phone = Card("phone");
        using var pin = CardPin.FourDigit(phone.Persona.AuthPin);
        var channel = new ApduChannel(new LosesVerifyAnswer(new VirtualCardTransport(phone, 258)));
        await Assert.ThrowsAsync<CredentialOutcomeUnknownException>(() => JpkiAuthentication.RunAsync(channel, pin, RetryPolicy.Default, CancellationToken.None));
        Assert.Equal(1, PinVerifies(phone));
    }

    /// <summary>Delivers every APDU, but the answer to a VERIFY carrying a value is lost (the card executed it).</summary>
    private sealed class LosesVerifyAnswer(IApduTransport inner) : IApduTransport
    {
        public int MaxResponseLength => inner.MaxResponseLength;

        public int MaxExtendedResponseLength => inner.MaxExtendedResponseLength;

        public async Task<byte[]> TransceiveAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var answer = await inner.TransceiveAsync(command, timeout, cancellationToken);
            if (command.Span[1] == 0x20 && command.Length > 5)
            {
                throw new CardTransportException(CardTransportFailure.OutcomeUnknown, "answer lost");
            }

            return answer;
        }
    }
}
