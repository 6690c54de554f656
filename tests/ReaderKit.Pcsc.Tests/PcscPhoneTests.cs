using ReaderKit.Contracts;
using ReaderKit.Tap;
using ReaderKit.Tap.Devices;
using ReaderKit.Trust;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Pcsc.Tests;

/// <summary>
/// Smartphone JPKI through a PC/SC reader: <see cref="PhoneTap"/> over <see cref="PcscCardLinkFactory"/>, pcscd and vpcd serving
/// the virtual card's phone profile (JPKI only, auth certificate behind the auth PIN).
/// </summary>
[Collection(VpcdCollection.Name)]
public sealed class PcscPhoneTests(VpcdReader reader)
{
    private PhoneTap Tap() => new(VpcdReader.Options(), new PcscCardLinkFactory(reader.ReaderName), new FixedNowClock());

    private static PhoneTapRequest Request(string pin) => PhoneTapRequest.FromPinBuffer(pin.ToCharArray());

    [PcscdFact]
    public async Task A_phone_with_the_right_pin_is_accepted_with_chain_and_challenge_passed()
    {
        var phone = await reader.InsertAsync("phone");

        var verdict = await Tap().RunAsync(Request(PersonaCatalog.Get("phone").AuthPin!));

        Assert.True(verdict.Kind == VerdictKind.Accepted, $"{verdict.Kind}/{verdict.Error}: {verdict.Message}");
        Assert.All(verdict.Checks.Where(c => c.Name != JpkiPossessionChecks.CardFace), c => Assert.Equal(CheckLineStatus.Pass, c.Status));
        Assert.Equal(CheckLineStatus.Skip, verdict.Checks.Single(c => c.Name == JpkiPossessionChecks.CardFace).Status);
        Assert.Contains("PC/SC", verdict.Message, StringComparison.Ordinal);
        Assert.Equal(1, phone.ExecutedValueVerifies(ApplicationKind.Jpki, Card.Aps.JpkiAp.AuthPinKey));
    }

    [PcscdFact]
    public async Task A_phone_replaying_a_certificate_without_its_key_is_not_genuine()
    {
        await reader.InsertAsync("phone-replay");

        var verdict = await Tap().RunAsync(Request(PersonaCatalog.Get("phone-replay").AuthPin!));

        Assert.True(verdict.Kind == VerdictKind.NotGenuine, $"{verdict.Kind}/{verdict.Error}: {verdict.Message}");
        Assert.Equal(CheckLineStatus.Fail, verdict.Checks.Single(c => c.Name == JpkiPossessionChecks.Challenge).Status);
    }

    [PcscdFact]
    public async Task A_blocked_phone_pin_is_refused_without_a_verify()
    {
        var phone = await reader.InsertAsync("phone-pin-blocked");

        var verdict = await Tap().RunAsync(Request(PersonaCatalog.Get("phone-pin-blocked").AuthPin!));

        Assert.Equal(ErrorCode.CredentialBlocked, verdict.Error);
        Assert.Equal(0, phone.ExecutedValueVerifies(ApplicationKind.Jpki, Card.Aps.JpkiAp.AuthPinKey));
    }
}
