using ReaderKit.Contracts;
using ReaderKit.Tap.Tests.Fakes;

namespace ReaderKit.Tap.Tests;

/// <summary>The face step overlaps the card; cancellation is honoured at every step and still releases the card and zeroes 照合番号B.</summary>
public sealed class CardTapOverlapAndCancellationTests
{
    private const byte InRelease = 0x52;

    [Fact]
    public async Task The_chip_photo_reaches_the_face_step_when_the_signatures_check_out_before_the_chip_challenge()
    {
        var reader = new EmulatedReader("yamada-taro");
        var face = new FakeFaceCheck();
        var tap = CardTapVerdictTests.Tap(reader, face);
        bool? photoReadyAtSignatures = null, faceStartedBeforeCard = null;
        tap.StepCompleted += (_, e) =>
        {
            if (e.Step == TapStep.CardPresent)
            {
                faceStartedBeforeCard = face.Calls == 1;
            }

            if (e.Step == TapStep.SignaturesChecked)
            {
                photoReadyAtSignatures = face.PhotoTask?.IsCompletedSuccessfully == true && face.PhotoTask.Result is not null;
            }
        };

        var verdict = await tap.RunAsync(new TapRequest { NumberB = reader.NumberB() });

        Assert.True(verdict.IsAccepted, verdict.Message);
        Assert.True(faceStartedBeforeCard);
        Assert.True(photoReadyAtSignatures);
    }

    [Fact]
    public async Task Sequential_mode_starts_the_face_only_after_the_card()
    {
        var reader = new EmulatedReader("yamada-taro");
        var face = new FakeFaceCheck();
        var tap = CardTapVerdictTests.Tap(reader, face, options: EmulatedReader.Options() with { OverlapFaceWithCard = false });
        var callsAtChallenge = -1;
        tap.StepCompleted += (_, e) =>
        {
            if (e.Step == TapStep.ChipChallenge)
            {
                callsAtChallenge = face.Calls;
            }
        };

        var verdict = await tap.RunAsync(new TapRequest { NumberB = reader.NumberB() });

        Assert.True(verdict.IsAccepted, verdict.Message);
        Assert.Equal(0, callsAtChallenge);
        Assert.Equal(1, face.Calls);
    }

    public static TheoryData<TapStep> CancellableSteps() =>
    [
        TapStep.CardPresent, TapStep.CredentialChecked, TapStep.CardFaceRead, TapStep.SignaturesChecked, TapStep.ChipChallenge, TapStep.FaceCaptured, TapStep.FaceMatched,
    ];

    [Theory]
    [MemberData(nameof(CancellableSteps))]
    public async Task Cancellation_at_each_step_gives_a_cancelled_verdict_releases_the_card_and_zeroes_the_secret(TapStep at)
    {
        var reader = new EmulatedReader("yamada-taro");
        var face = new FakeFaceCheck();
        var camera = new FakeCamera();
        var tap = CardTapVerdictTests.Tap(reader, face, camera);
        using var cts = new CancellationTokenSource();
        var steps = new List<TapStep>();
        var progress = new SynchronousProgress(p =>
        {
            lock (steps)
            {
                steps.Add(p.Step);
            }

            if (p.Step == at)
            {
                cts.Cancel();
            }
        });
        var numberB = reader.NumberB();

        var verdict = await tap.RunAsync(new TapRequest { NumberB = numberB }, progress, cts.Token);

        Assert.Equal(VerdictKind.Cancelled, verdict.Kind);
        Assert.Equal(ErrorCode.Cancelled, verdict.Error);
        Assert.Equal(TapStep.Result, steps[^1]);
        // A card that was found is released (its security state cleared), whatever step the cancellation hit.
        Assert.Equal(steps.Contains(TapStep.CardPresent), reader.Commands.Contains(InRelease));
        Assert.Equal(at != TapStep.FaceCaptured || steps.Contains(TapStep.CardPresent), steps.Contains(TapStep.CardPresent));
        Assert.Equal(1, camera.Disposed);
        CardTapVerdictTests.AssertZeroed(numberB);
        if (at <= TapStep.ChipChallenge)
        {
            Assert.DoesNotContain(TapStep.FaceMatched, steps);
        }
    }

    [Fact]
    public async Task Cancellation_while_waiting_for_a_card_is_cancelled_not_card_not_present()
    {
        var reader = new EmulatedReader(null);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var numberB = reader.NumberB();
        var verdict = await CardTapVerdictTests.Tap(reader, new FakeFaceCheck()).RunAsync(new TapRequest { NumberB = numberB }, null, cts.Token);

        Assert.Equal(VerdictKind.Cancelled, verdict.Kind);
        CardTapVerdictTests.AssertZeroed(numberB);
    }

    [Fact]
    public async Task An_already_cancelled_token_opens_nothing_that_stays_open()
    {
        var reader = new EmulatedReader("yamada-taro");
        var camera = new FakeCamera();
        var numberB = reader.NumberB();
        var verdict = await CardTapVerdictTests.Tap(reader, new FakeFaceCheck(), camera).RunAsync(new TapRequest { NumberB = numberB }, null, new CancellationToken(true));

        Assert.Equal(VerdictKind.Cancelled, verdict.Kind);
        Assert.Equal(camera.Opened, camera.Disposed);
        CardTapVerdictTests.AssertZeroed(numberB);
    }

    private sealed class SynchronousProgress(Action<TapStepProgress> report) : IProgress<TapStepProgress>
    {
        public void Report(TapStepProgress value) => report(value);
    }
}
