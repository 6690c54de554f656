using ReaderKit.Card.Aps;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Emulation.Pn532;
using ReaderKit.Tap.Tests.Fakes;
using ReaderKit.Trust;
using ReaderKit.VirtualCard.Files;

namespace ReaderKit.Tap.Tests;

/// <summary>End to end over the emulated PN532: the smartphone persona on Type A through <see cref="PhoneTap"/>.</summary>
public sealed class PhoneTapTests
{
    private static PhoneTapRequest Request(string pin) => PhoneTapRequest.FromPinBuffer(pin.ToCharArray());

    private static string WrongPin(string pin) => pin == "0000" ? "1111" : "0000";

    private static int PinVerifies(EmulatedReader reader) => reader.Card!.ExecutedValueVerifies(ApplicationKind.Jpki, JpkiAp.AuthPinKey);

    private static CheckLineStatus Status(TapVerdict verdict, string check) => verdict.Checks.Single(c => c.Name == check).Status;

    [Fact]
    public async Task The_right_pin_accepts_the_phone_with_chain_and_challenge_passed_and_no_card_face()
    {
        var reader = new EmulatedReader("phone");
        var verdict = await new PhoneTap(EmulatedReader.Options(), reader, new FixedNowClock()).RunAsync(Request(reader.Persona!.AuthPin!));
        Assert.Equal(VerdictKind.Accepted, verdict.Kind);
        Assert.Equal(ErrorCode.Ok, verdict.Error);
        Assert.Equal(
            [JpkiPossessionChecks.Token, JpkiPossessionChecks.Pin, JpkiPossessionChecks.Chain, JpkiPossessionChecks.Validity, JpkiPossessionChecks.Challenge, JpkiPossessionChecks.CardFace],
            verdict.Checks.Select(c => c.Name));
        Assert.All(verdict.Checks.Take(5), c => Assert.Equal(CheckLineStatus.Pass, c.Status));
        Assert.Equal(CheckLineStatus.Skip, Status(verdict, JpkiPossessionChecks.CardFace));
        Assert.NotNull(verdict.Jpki);
        Assert.Equal(Card.Records.JpkiTokenKind.Phone, verdict.Jpki.Carrier);
        Assert.Contains("TypeA", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("NOT verified", verdict.Message, StringComparison.Ordinal);
        Assert.Equal(TapFaceOutcome.NotRun, verdict.Face);
        Assert.Null(verdict.Personal);
        Assert.Equal(1, PinVerifies(reader));
        Assert.Equal(new Retries("jpki.auth-pin", 3, 2, true), verdict.Retries);

        // Polled Type B first, then Type A (4A twice), and released the target (52) at the end.
        var polls = reader.Commands.Count(c => c == 0x4A);
        Assert.Equal(2, polls);
        Assert.Equal(0x52, reader.Commands[^1]);
    }

    [Fact]
    public async Task A_wrong_pin_is_credential_rejected_with_the_tries_left()
    {
        var reader = new EmulatedReader("phone");
        var verdict = await new PhoneTap(EmulatedReader.Options(), reader).RunAsync(Request(WrongPin(reader.Persona!.AuthPin!)));
        Assert.Equal(VerdictKind.CredentialRefused, verdict.Kind);
        Assert.Equal(ErrorCode.CredentialRejected, verdict.Error);
        Assert.Equal(new Retries("jpki.auth-pin", 3, 2, true, 2), verdict.Retries);
        Assert.Equal(CheckLineStatus.Fail, Status(verdict, JpkiPossessionChecks.Pin));
        Assert.False(verdict.CardRead);
        Assert.Equal(1, PinVerifies(reader));
    }

    [Fact]
    public async Task A_blocked_pin_is_credential_blocked_without_a_verify()
    {
        var reader = new EmulatedReader("phone-pin-blocked");
        var verdict = await new PhoneTap(EmulatedReader.Options(), reader).RunAsync(Request(reader.Persona!.AuthPin!));
        Assert.Equal(ErrorCode.CredentialBlocked, verdict.Error);
        Assert.Equal(0, PinVerifies(reader));
    }

    [Fact]
    public async Task At_the_floor_the_pin_is_refused_without_a_verify()
    {
        var reader = new EmulatedReader("phone-pin-two-left");
        var verdict = await new PhoneTap(EmulatedReader.Options(), reader).RunAsync(Request(reader.Persona!.AuthPin!));
        Assert.Equal(ErrorCode.RetryFloorReached, verdict.Error);
        Assert.Equal(new Retries("jpki.auth-pin", 2, 2, false), verdict.Retries);
        Assert.Equal(0, PinVerifies(reader));

        // A staffed counter may go lower explicitly (floor 1 with 2 left sends the PIN once).
        var lower = await new PhoneTap(EmulatedReader.Options(), reader, new FixedNowClock()).RunAsync(PhoneTapRequest.FromPinBuffer(reader.Persona!.AuthPin!.ToCharArray(), floor: 1));
        Assert.Equal(VerdictKind.Accepted, lower.Kind);
        Assert.Equal(1, PinVerifies(reader));
    }

    [Fact]
    public async Task A_phone_replaying_a_certificate_is_not_genuine_on_the_challenge()
    {
        var reader = new EmulatedReader("phone-replay");
        var verdict = await new PhoneTap(EmulatedReader.Options(), reader, new FixedNowClock()).RunAsync(Request(reader.Persona!.AuthPin!));
        Assert.Equal(VerdictKind.NotGenuine, verdict.Kind);
        Assert.Equal(ErrorCode.NotGenuine, verdict.Error);
        Assert.Equal(CheckLineStatus.Pass, Status(verdict, JpkiPossessionChecks.Chain));
        Assert.Equal(CheckLineStatus.Fail, Status(verdict, JpkiPossessionChecks.Challenge));
        Assert.Contains(JpkiPossessionChecks.Challenge, verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_issuer_fails_closed()
    {
        var reader = new EmulatedReader("phone");
        var options = EmulatedReader.Options();
        options = options with { Trust = new TrustOptions { TrustStore = TrustStore.Production, AllowTestAnchors = true } };
        var verdict = await new PhoneTap(options, reader, new FixedNowClock()).RunAsync(Request(reader.Persona!.AuthPin!));
        Assert.Equal(VerdictKind.NotGenuine, verdict.Kind);
        Assert.Equal(CheckLineStatus.Fail, Status(verdict, JpkiPossessionChecks.Chain));
        Assert.Equal(CheckLineStatus.Skip, Status(verdict, JpkiPossessionChecks.Challenge));
    }

    [Fact]
    public async Task A_type_a_card_without_iso_dep_is_card_not_supported()
    {
        var reader = new EmulatedReader(null);
        reader.Emulator.Field.Insert(new MifareLike());
        var verdict = await new PhoneTap(EmulatedReader.Options(), reader).RunAsync(Request("1234"));
        Assert.Equal(VerdictKind.ReaderError, verdict.Kind);
        Assert.Equal(ErrorCode.CardNotSupported, verdict.Error);
    }

    [Fact]
    public void The_pin_buffer_is_zeroed_when_copied_and_a_malformed_pin_is_refused()
    {
        var buffer = "4321".ToCharArray();
        using (PhoneTapRequest.FromPinBuffer(buffer))
        {
            Assert.All(buffer, c => Assert.Equal('\0', c));
        }

        var bad = "12a4".ToCharArray();
        Assert.Throws<InvalidCredentialFormatException>(() => PhoneTapRequest.FromPinBuffer(bad));
        Assert.All(bad, c => Assert.Equal('\0', c));
    }

    private sealed class MifareLike : ITypeACard
    {
        public byte[] Atqa => [0x00, 0x04];

        public byte Sak => 0x08;

        public byte[] Uid => [0x01, 0x02, 0x03, 0x04];

        public byte[] Ats => [];

        public byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu) => [0x6D, 0x00];

        public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu) => TimeSpan.Zero;

        public void Deselect()
        {
        }

        public void FieldOff()
        {
        }
    }
}
