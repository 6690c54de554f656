using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Models;
using ReaderKit.Tap.Tests.Fakes;
using ReaderKit.VirtualCard.Files;

namespace ReaderKit.Tap.Tests;

/// <summary>Every verdict of one tap, through the emulated PN532 and a virtual card, with a scripted face step.</summary>
public sealed class CardTapVerdictTests
{
    private const byte InRelease = 0x52;

    internal static CardTap Tap(EmulatedReader reader, FakeFaceCheck? face = null, FakeCamera? camera = null, CardTapOptions? options = null, PromptLog? prompts = null) =>
        new(options ?? EmulatedReader.Options(), reader, face is null ? null : camera ?? new FakeCamera(), face, prompts, new FixedNowClock());

    internal static void AssertZeroed(VerificationNumberB numberB) => Assert.Throws<ObjectDisposedException>(() => numberB.ExpiryYear);

    [Fact]
    public async Task Genuine_card_and_accepted_face_is_accepted_with_every_step_reported()
    {
        var reader = new EmulatedReader("yamada-taro");
        var face = new FakeFaceCheck();
        var camera = new FakeCamera();
        var prompts = new PromptLog();
        var tap = Tap(reader, face, camera, prompts: prompts);
        var steps = new List<TapStep>();
        tap.StepCompleted += (_, e) => { lock (steps) { steps.Add(e.Step); } };
        var numberB = reader.NumberB();

        var verdict = await tap.RunAsync(new TapRequest { NumberB = numberB });

        Assert.True(verdict.IsAccepted, verdict.Message);
        Assert.Equal(ErrorCode.Ok, verdict.Error);
        Assert.Equal(TapFaceOutcome.Accepted, verdict.Face);
        Assert.True(verdict.CardVerified);
        Assert.Contains(verdict.Checks, c => c is { Name: "surface.card-presence", Status: CheckLineStatus.Pass });
        Assert.Contains(verdict.Checks, c => c is { Name: "face.match", Status: CheckLineStatus.Pass });
        Assert.NotNull(verdict.TrustAnchor);
        Assert.True(verdict.UsedTestAnchor);
        Assert.Equal(new Retries("surface.number-b", 10, 2, true), verdict.Retries);
        Assert.False(verdict.CardIdentity.IsEmpty);
        Assert.Null(verdict.Personal);
        Assert.NotNull(face.Photo);
        Assert.Equal(
            [TapStep.CardPresent, TapStep.CredentialChecked, TapStep.CardFaceRead, TapStep.SignaturesChecked, TapStep.ChipChallenge, TapStep.FaceMatched, TapStep.Result],
            steps.Where(s => s != TapStep.FaceCaptured));
        Assert.Single(steps, TapStep.FaceCaptured);
        Assert.Equal(TapStep.Result, steps[^1]);
        Assert.Contains(verdict.Timings, t => t.Name == "card.CardFaceRead");
        Assert.Contains(verdict.Timings, t => t.Name == "card.wait");
        Assert.Contains(verdict.Timings, t => t.Name == "face.match");
        Assert.True(verdict.Total > TimeSpan.Zero);
        Assert.Equal([1, 1], new[] { camera.Opened, camera.Disposed });
        Assert.Contains(InRelease, reader.Commands);
        Assert.Contains(TapPrompt.PlaceCard, prompts.Prompts);
        Assert.Equal(TapPrompt.RemoveCard, prompts.Prompts[^1]);
        AssertZeroed(numberB);
    }

    [Fact]
    public async Task Personal_fields_are_returned_only_as_asked()
    {
        var reader = new EmulatedReader("yamada-taro");
        var verdict = await Tap(reader, new FakeFaceCheck()).RunAsync(new TapRequest
        {
            NumberB = reader.NumberB(),
            ReadTextAp = true,
            PersonalFields = TapPersonalFields.BirthDate | TapPersonalFields.NameAndAddress,
        });

        Assert.True(verdict.IsAccepted, verdict.Message);
        Assert.Equal(reader.Persona!.Holder.DateOfBirth, verdict.Personal!.BirthDate);
        Assert.Equal(reader.Persona.Holder.FullName, verdict.Personal.Name);
        Assert.Null(verdict.Personal.Sex);
        Assert.Null(verdict.Personal.PhotoJpeg2000);
        Assert.Null(verdict.Personal.Expiry);
    }

    [Fact]
    public async Task Clone_is_not_genuine_even_when_the_face_would_match()
    {
        var reader = new EmulatedReader("clone");
        var numberB = reader.NumberB();
        var verdict = await Tap(reader, new FakeFaceCheck()).RunAsync(new TapRequest { NumberB = numberB });

        Assert.Equal(VerdictKind.NotGenuine, verdict.Kind);
        Assert.Equal(ErrorCode.NotGenuine, verdict.Error);
        Assert.Contains(verdict.Checks, c => c is { Name: "surface.card-presence", Status: CheckLineStatus.Fail });
        Assert.Contains("surface.card-presence", verdict.Message, StringComparison.Ordinal);
        Assert.NotEqual(TapFaceOutcome.Accepted, verdict.Face);
        Assert.True(verdict.CardIdentity.IsEmpty);
        AssertZeroed(numberB);
    }

    [Fact]
    public async Task Expired_card_is_refused_as_expired()
    {
        var reader = new EmulatedReader("expired");
        var verdict = await Tap(reader, new FakeFaceCheck()).RunAsync(new TapRequest { NumberB = reader.NumberB() });

        Assert.Equal(VerdictKind.Expired, verdict.Kind);
        Assert.Equal(ErrorCode.Expired, verdict.Error);
        Assert.True(verdict.Genuine);
        Assert.False(verdict.ValidAtVerificationTime);
    }

    [Theory]
    [InlineData(TapFaceOutcome.NotMatched, ErrorCode.FaceNotMatched)]
    [InlineData(TapFaceOutcome.PresentationAttack, ErrorCode.PresentationAttackSuspected)]
    [InlineData(TapFaceOutcome.NoFace, ErrorCode.FaceCheckInconclusive)]
    [InlineData(TapFaceOutcome.Inconclusive, ErrorCode.FaceCheckInconclusive)]
    public async Task A_face_that_is_not_accepted_refuses_a_genuine_card(TapFaceOutcome outcome, ErrorCode code)
    {
        var reader = new EmulatedReader("yamada-taro");
        var verdict = await Tap(reader, new FakeFaceCheck { Outcome = outcome }).RunAsync(new TapRequest { NumberB = reader.NumberB() });

        Assert.Equal(VerdictKind.FaceNotAccepted, verdict.Kind);
        Assert.Equal(code, verdict.Error);
        Assert.Equal(outcome, verdict.Face);
        Assert.True(verdict.CardVerified);
        Assert.Contains(verdict.Checks, c => c is { Name: "face.match", Status: CheckLineStatus.Fail });
    }

    [Fact]
    public async Task No_camera_is_stated_as_face_not_checked_never_as_a_silent_accept()
    {
        var reader = new EmulatedReader("yamada-taro");
        var verdict = await Tap(reader).RunAsync(new TapRequest { NumberB = reader.NumberB() });

        Assert.Equal(VerdictKind.Accepted, verdict.Kind);
        Assert.Equal(TapFaceOutcome.NotChecked, verdict.Face);
        Assert.Contains(verdict.Checks, c => c is { Name: "face.checked", Status: CheckLineStatus.Skip });
        Assert.Contains("face NOT checked", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_face_without_a_camera_is_refused()
    {
        var reader = new EmulatedReader("yamada-taro");
        var verdict = await Tap(reader).RunAsync(new TapRequest { NumberB = reader.NumberB(), RequireFace = true });

        Assert.Equal(VerdictKind.FaceNotAccepted, verdict.Kind);
        Assert.Equal(ErrorCode.FaceNotChecked, verdict.Error);
        Assert.Contains(verdict.Checks, c => c is { Name: "face.checked", Status: CheckLineStatus.Fail });
    }

    [Fact]
    public async Task Required_face_turned_off_by_the_request_is_refused_and_the_camera_is_not_opened()
    {
        var reader = new EmulatedReader("yamada-taro");
        var camera = new FakeCamera();
        var face = new FakeFaceCheck();
        var verdict = await Tap(reader, face, camera).RunAsync(new TapRequest { NumberB = reader.NumberB(), RunFace = false, RequireFace = true });

        Assert.Equal(ErrorCode.FaceNotChecked, verdict.Error);
        Assert.Equal(0, camera.Opened);
        Assert.Equal(0, face.Calls);
    }

    [Fact]
    public async Task Two_tries_left_is_refused_at_the_default_floor_without_spending_one()
    {
        var reader = new EmulatedReader("b-two-left");
        var face = new FakeFaceCheck();
        var numberB = reader.NumberB();
        var verdict = await Tap(reader, face).RunAsync(new TapRequest { NumberB = numberB });

        Assert.Equal(VerdictKind.CredentialRefused, verdict.Kind);
        Assert.Equal(ErrorCode.RetryFloorReached, verdict.Error);
        Assert.Equal(new Retries("surface.number-b", 2, 2, false), verdict.Retries);
        Assert.Equal(2, reader.Card!.RemainingTries(ApplicationKind.Surface, 0x0012));
        // The face step starts alongside the card work (Task.Run with the tap's token): a refusal this early may cancel it
        // before it runs at all. Either way it never gets a photo.
        Assert.True(face.PhotoTask is null || await face.PhotoTask is null, "the face step got a chip photo from a refused tap");
        Assert.Contains(InRelease, reader.Commands);
        AssertZeroed(numberB);
    }

    [Fact]
    public async Task A_lower_floor_lets_the_same_card_through()
    {
        var reader = new EmulatedReader("b-two-left");
        var verdict = await Tap(reader, new FakeFaceCheck()).RunAsync(new TapRequest { NumberB = reader.NumberB(), Floor = 1 });

        Assert.True(verdict.IsAccepted, verdict.Message);
        Assert.Equal(new Retries("surface.number-b", 2, 1, true), verdict.Retries);
    }

    [Fact]
    public async Task Blocked_credential_is_refused_without_sending()
    {
        var reader = new EmulatedReader("b-blocked");
        var verdict = await Tap(reader, new FakeFaceCheck()).RunAsync(new TapRequest { NumberB = reader.NumberB(), AllowLastTry = true });

        Assert.Equal(ErrorCode.CredentialBlocked, verdict.Error);
        Assert.Equal(new Retries("surface.number-b", 0, 0, false), verdict.Retries);
    }

    [Fact]
    public async Task A_wrong_security_code_is_rejected_and_counts_one_try()
    {
        var reader = new EmulatedReader("yamada-taro");
        var wrong = reader.Persona!.SecurityCode == "0000" ? "1111" : "0000";
        var numberB = reader.NumberB(wrong);
        var face = new FakeFaceCheck();
        var verdict = await Tap(reader, face).RunAsync(new TapRequest { NumberB = numberB });

        Assert.Equal(VerdictKind.CredentialRefused, verdict.Kind);
        Assert.Equal(ErrorCode.CredentialRejected, verdict.Error);
        Assert.Equal(new Retries("surface.number-b", 10, 2, true, 9), verdict.Retries);
        Assert.Equal(9, reader.Card!.RemainingTries(ApplicationKind.Surface, 0x0012));
        Assert.DoesNotContain(wrong, verdict.Message, StringComparison.Ordinal);
        Assert.Null(face.Photo);
        AssertZeroed(numberB);
    }

    [Fact]
    public async Task A_floor_below_one_is_refused_before_anything_is_opened()
    {
        var reader = new EmulatedReader("yamada-taro");
        var numberB = reader.NumberB();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Tap(reader).RunAsync(new TapRequest { NumberB = numberB, Floor = 0 }));
        Assert.Equal(0, reader.Opened);
        AssertZeroed(numberB);
    }

    [Fact]
    public async Task No_card_in_the_field_is_card_not_present()
    {
        var reader = new EmulatedReader(null);
        var numberB = reader.NumberB();
        var verdict = await Tap(reader, options: EmulatedReader.Options() with { CardWait = TimeSpan.FromMilliseconds(300) }).RunAsync(new TapRequest { NumberB = numberB });

        Assert.Equal(VerdictKind.ReaderError, verdict.Kind);
        Assert.Equal(ErrorCode.CardNotPresent, verdict.Error);
        AssertZeroed(numberB);
    }

    [Fact]
    public async Task A_missing_bus_is_reader_unavailable()
    {
        var reader = new EmulatedReader("yamada-taro");
        var numberB = reader.NumberB();
        var verdict = await new CardTap(EmulatedReader.Options(), new MissingBus()).RunAsync(new TapRequest { NumberB = numberB });

        Assert.Equal(ErrorCode.ReaderUnavailable, verdict.Error);
        Assert.Contains("i2c bus 9", verdict.Message, StringComparison.Ordinal);
        AssertZeroed(numberB);
    }

    [Fact]
    public async Task A_missing_camera_is_a_camera_error_not_an_accept()
    {
        var reader = new EmulatedReader("yamada-taro");
        var verdict = await Tap(reader, new FakeFaceCheck(), new FakeCamera(missing: true)).RunAsync(new TapRequest { NumberB = reader.NumberB() });

        Assert.Equal(VerdictKind.ReaderError, verdict.Kind);
        Assert.Equal(ErrorCode.CameraUnavailable, verdict.Error);
        Assert.True(verdict.CardVerified);
    }

    [Fact]
    public async Task Missing_face_models_fail_closed()
    {
        var reader = new EmulatedReader("yamada-taro");
        var camera = new FakeCamera();
        var verdict = await Tap(reader, new FakeFaceCheck { Failure = new FaceModelsMissingException("no blazeface.onnx") }, camera).RunAsync(new TapRequest { NumberB = reader.NumberB() });

        Assert.Equal(ErrorCode.FaceModelsUnavailable, verdict.Error);
        Assert.Equal(1, camera.Disposed);
    }

    [Fact]
    public async Task A_camera_that_dies_mid_capture_is_a_camera_error()
    {
        var reader = new EmulatedReader("yamada-taro");
        var verdict = await Tap(reader, new FakeFaceCheck { Failure = new CameraUnavailableException(CameraFailure.ProcessExited, "rpicam-vid exited") }).RunAsync(new TapRequest { NumberB = reader.NumberB() });

        Assert.Equal(ErrorCode.CameraUnavailable, verdict.Error);
    }

    [Fact]
    public async Task The_tap_deadline_bounds_a_face_step_that_never_ends()
    {
        var reader = new EmulatedReader("yamada-taro");
        var face = new FakeFaceCheck { Hang = true };
        var camera = new FakeCamera();
        var numberB = reader.NumberB();
        var verdict = await Tap(reader, face, camera, EmulatedReader.Options() with { TapDeadline = TimeSpan.FromSeconds(3) }).RunAsync(new TapRequest { NumberB = numberB });

        Assert.Equal(VerdictKind.ReaderError, verdict.Kind);
        Assert.Equal(ErrorCode.TapDeadlineExceeded, verdict.Error);
        Assert.True(face.Cancelled);
        Assert.Equal(1, camera.Disposed);
        AssertZeroed(numberB);
    }

    [Fact]
    public async Task A_card_that_answers_every_command_slowly_cannot_hold_the_reader_past_the_tap_deadline()
    {
        // Issue 9 §4: each answer comes well inside its own APDU deadline, but a whole tap of them would take many seconds;
        // the one deadline for the tap ends it. The card holds each answer back, except on VERIFY (no try at stake).
        var reader = new EmulatedReader("yamada-taro");
        reader.Emulator.Field.Remove();
        reader.Emulator.Field.Insert(new SlowAnswers(reader.Card!, TimeSpan.FromMilliseconds(300)));
        var numberB = reader.NumberB();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var verdict = await Tap(reader, options: EmulatedReader.Options() with { TapDeadline = TimeSpan.FromSeconds(2) }).RunAsync(new TapRequest { NumberB = numberB });

        Assert.Equal(VerdictKind.ReaderError, verdict.Kind);
        Assert.Equal(ErrorCode.TapDeadlineExceeded, verdict.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"the tap took {clock.Elapsed}");
        Assert.DoesNotContain('\n', verdict.Message);
        AssertZeroed(numberB);
    }

    /// <summary>A card that answers correctly but holds every answer back (VERIFY excepted).</summary>
    private sealed class SlowAnswers(ReaderKit.VirtualCard.VirtualMyNumberCard card, TimeSpan delay) : ReaderKit.Emulation.Pn532.ITypeBCard
    {
        public byte[] Atqb => card.Atqb;

        public byte[] AttribResponse => card.AttribResponse;

        public byte[] ProcessApdu(ReadOnlySpan<byte> commandApdu)
        {
            if (commandApdu.Length > 1 && commandApdu[1] != 0x20)
            {
                Thread.Sleep(delay);
            }

            return card.ProcessApdu(commandApdu);
        }

        public TimeSpan ProcessingTime(ReadOnlySpan<byte> commandApdu) => card.ProcessingTime(commandApdu);

        public void Deselect() => card.Deselect();

        public void FieldOff() => card.FieldOff();
    }
}
