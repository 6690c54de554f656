using ReaderKit.Face.Camera;
using ReaderKit.Face.Verification;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCamera.Kiosk;

namespace ReaderKit.Face.Verification.Tests;

/// <summary>End to end on the virtual kiosk: the holder is accepted, every attack species is rejected with its own reason, and the failure modes around the camera and the chip photo fail closed.</summary>
[Collection(KioskCollection.Name)]
public sealed class VerificationTests(KioskFixture fx)
{
    private const int Holder = 1;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_live_holder_is_accepted(int holder)
    {
        var a = await fx.RunAsync(KioskPresentation.LiveHead, holder, holder, seed: 1);
        Assert.True(a.Result.Accepted, Describe(a.Result));
        Assert.Equal(FaceOutcome.Accepted, a.Result.Outcome);
        Assert.True(a.Result.Score >= a.Result.Threshold);
        Assert.All(a.Result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.True(a.Result.FramesUsed >= 3);
        Assert.Null(a.Result.BestFrame); // not asked for: no frame kept
        // The prompts went to the person: look, each action, look again between and after, then hold still.
        Assert.Equal(
            [ChallengePrompt.LookAtCamera, ChallengePrompt.Blink, ChallengePrompt.LookAtCamera, ChallengePrompt.TurnLeft, ChallengePrompt.LookAtCamera, ChallengePrompt.HoldStill],
            a.Prompts);
        Assert.Equal(a.Frames, a.Result.FramesCaptured);
        foreach (var stage in new[] { "camera-start", "capture", "analysis", "landmarks", "liveness", "chip-photo-wait", "match", "total" })
        {
            Assert.True(a.Result.Timings.ContainsKey(stage), stage);
        }
    }

    [Fact]
    public async Task The_live_holder_passes_a_cryptographically_drawn_challenge()
    {
        await using var camera = new VirtualKioskCamera(KioskPresentation.LiveHead, SampleFaces.All[Holder], fx.ModelDirectory, seed: 5);
        var r = await fx.VerifyAsync(camera, camera, Task.FromResult<byte[]?>(fx.ChipPhoto(Holder)), challenge: null);
        Assert.True(r.Accepted, Describe(r));
        var actions = camera.PromptsShown.Where(p => p is not (ChallengePrompt.LookAtCamera or ChallengePrompt.HoldStill)).ToList();
        Assert.Equal(2, actions.Count);
        Assert.Contains(ChallengePrompt.Blink, actions);
    }

    [Theory]
    [InlineData(KioskPresentation.PrintStill, 1, "natural motion")]
    [InlineData(KioskPresentation.PrintStill, 2, "natural motion")]
    [InlineData(KioskPresentation.PrintWaved, 1, "parallax")]
    [InlineData(KioskPresentation.PrintWaved, 2, "parallax")]
    [InlineData(KioskPresentation.PrintTilted, 1, "parallax")]
    [InlineData(KioskPresentation.PrintTilted, 2, "parallax")]
    [InlineData(KioskPresentation.PrintBent, 1, "parallax")]
    [InlineData(KioskPresentation.PrintBent, 2, "parallax")]
    [InlineData(KioskPresentation.ScreenReplay, 1, "screen pattern")]
    [InlineData(KioskPresentation.ScreenReplay, 2, "screen pattern")]
    public async Task Each_attack_is_rejected_with_its_own_reason(KioskPresentation attack, int seed, string reason)
    {
        var a = await fx.RunAsync(attack, Holder, Holder, seed);
        Assert.False(a.Result.Accepted);
        Assert.Equal(FaceOutcome.PresentationAttack, a.Result.Outcome);
        Assert.StartsWith(reason, a.Result.Reason, StringComparison.Ordinal);
        Assert.Null(a.Result.Score); // rejected before the chip photo was even compared
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(6, 2)]
    public async Task Another_person_following_the_prompts_is_live_but_not_matched(int presented, int holder)
    {
        var a = await fx.RunAsync(KioskPresentation.LiveHead, presented, holder, seed: 1);
        Assert.Equal(FaceOutcome.NotMatched, a.Result.Outcome);
        Assert.Equal("face does not match the chip photo", a.Result.Reason);
        Assert.True(a.Result.Score < a.Result.Threshold);
        Assert.True(a.Result.Checks.Single(c => c.Name == "parallax").Passed);
        Assert.True(a.Result.Checks.Single(c => c.Name == "challenge").Passed);
    }

    [Fact]
    public async Task Nobody_in_front_of_the_camera_is_no_face()
    {
        var a = await fx.RunAsync(KioskPresentation.Empty, Holder, Holder, seed: 1);
        Assert.Equal(FaceOutcome.NoFace, a.Result.Outcome);
        Assert.Equal("no face in front of the camera", a.Result.Reason);
    }

    [Fact]
    public async Task No_camera_is_face_not_checked_never_an_accept()
    {
        await using var camera = VirtualKioskCamera.Unavailable();
        var r = await fx.VerifyAsync(camera, camera, Task.FromResult<byte[]?>(fx.ChipPhoto(Holder)), null);
        Assert.Equal(FaceOutcome.Inconclusive, r.Outcome);
        Assert.Equal("camera unavailable (NotFound): face not checked", r.Reason);
        Assert.False(r.Checks.Single(c => c.Name == "camera").Passed);
    }

    [Fact]
    public async Task No_verified_chip_photo_is_stated_and_not_accepted()
    {
        await using var camera = new VirtualKioskCamera(KioskPresentation.LiveHead, SampleFaces.All[Holder], fx.ModelDirectory, seed: 3);
        var r = await fx.VerifyAsync(camera, camera, Task.FromResult<byte[]?>(null), KioskFixture.ChallengeFor(3));
        Assert.Equal(FaceOutcome.Inconclusive, r.Outcome);
        Assert.Equal("no verified chip photo: face not compared", r.Reason);
        Assert.Null(r.Score);
    }

    [Fact]
    public async Task A_chip_photo_read_that_fails_or_is_garbage_is_inconclusive()
    {
        await using var failing = new VirtualKioskCamera(KioskPresentation.LiveHead, SampleFaces.All[Holder], fx.ModelDirectory, seed: 4);
        var r = await fx.VerifyAsync(failing, failing, Task.FromException<byte[]?>(new IOException("card removed")), KioskFixture.ChallengeFor(4));
        Assert.Equal(FaceOutcome.Inconclusive, r.Outcome);
        Assert.Equal("chip photo could not be read: face not compared", r.Reason);

        await using var garbage = new VirtualKioskCamera(KioskPresentation.LiveHead, SampleFaces.All[Holder], fx.ModelDirectory, seed: 4);
        r = await fx.VerifyAsync(garbage, garbage, Task.FromResult<byte[]?>([0xFF, 0x4F, 0xFF, 0x51, 1, 2, 3]), KioskFixture.ChallengeFor(4));
        Assert.Equal(FaceOutcome.Inconclusive, r.Outcome);
        Assert.StartsWith("chip photo is not a decodable JPEG 2000 image", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_and_liveness_run_before_the_chip_photo_exists()
    {
        await using var camera = new VirtualKioskCamera(KioskPresentation.LiveHead, SampleFaces.All[Holder], fx.ModelDirectory, seed: 1);
        var photo = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var prompter = new CardReadWhenStill(camera, photo, fx.ChipPhoto(Holder));
        var r = await fx.VerifyAsync(camera, prompter, photo.Task, KioskFixture.ChallengeFor(1));
        Assert.True(r.Accepted, Describe(r));
        // The photo arrived only after every challenge frame had been captured and checked.
        Assert.Equal(r.FramesCaptured, prompter.FramesWhenPhotoArrived);
    }

    [Fact]
    public async Task A_face_swapped_in_place_after_the_challenge_is_caught()
    {
        // The holder does the challenge; then another person's live head takes the same place for the last frontal frames.
        await using var holder = new VirtualKioskCamera(KioskPresentation.LiveHead, SampleFaces.All[Holder], fx.ModelDirectory, seed: 1);
        await using var other = new VirtualKioskCamera(KioskPresentation.LiveHead, SampleFaces.All[4], fx.ModelDirectory, seed: 1);
        var swap = new SwappingCamera(holder, other, switchAfterPrompts: 5);
        var r = await fx.VerifyAsync(swap, swap, Task.FromResult<byte[]?>(fx.ChipPhoto(4)), KioskFixture.ChallengeFor(1));
        Assert.False(r.Accepted);
        Assert.Equal(FaceOutcome.PresentationAttack, r.Outcome);
        Assert.StartsWith("face track", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_camera_that_stops_delivering_hits_the_step_deadline()
    {
        using var verifier = new FaceVerifier(new FaceVerifierOptions { StepTimeout = TimeSpan.FromSeconds(1) }, fx.ModelDirectory);
        await using var camera = new SilentCamera();
        var started = DateTime.UtcNow;
        var r = await verifier.VerifyAsync(camera, camera, Task.FromResult<byte[]?>(fx.ChipPhoto(Holder)), CancellationToken.None);
        Assert.Equal(FaceOutcome.Inconclusive, r.Outcome);
        Assert.StartsWith("deadline: challenge step 1 (LookAtCamera)", r.Reason, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_best_frame_is_kept_only_when_asked_and_only_after_a_comparison()
    {
        // A held-still print is refused before the chip photo is compared: even when asked, no frame of it is returned.
        await using var print = new VirtualKioskCamera(KioskPresentation.PrintStill, SampleFaces.All[Holder], fx.ModelDirectory, seed: 1);
        var refused = await fx.VerifyAsync(print, print, Task.FromResult<byte[]?>(fx.ChipPhoto(Holder)), KioskFixture.ChallengeFor(1), keepBestFrame: true);
        Assert.Equal(FaceOutcome.PresentationAttack, refused.Outcome);
        Assert.Null(refused.BestFrame);

        // Compared (here: another person, not matched): the best frame is a decodable JPEG.
        await using var other = new VirtualKioskCamera(KioskPresentation.LiveHead, SampleFaces.All[4], fx.ModelDirectory, seed: 1);
        var compared = await fx.VerifyAsync(other, other, Task.FromResult<byte[]?>(fx.ChipPhoto(Holder)), KioskFixture.ChallengeFor(1), keepBestFrame: true);
        Assert.NotNull(compared.Score);
        Assert.NotNull(compared.BestFrame);
        Assert.Equal([0xff, 0xd8], compared.BestFrame![..2]);
        Assert.True(Imaging.FaceImageDecoder.Decode(compared.BestFrame).Width > 0);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed()
    {
        await using var camera = new SilentCamera();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fx.VerifyAsync(camera, camera, Task.FromResult<byte[]?>(null), null, cts.Token));
    }

    private static string Describe(FaceVerification r) =>
        $"{r.Outcome}: {r.Reason}; " + string.Join("; ", r.Checks.Select(c => $"{c.Name}={c.Passed} ({c.Detail})"));

    /// <summary>The kiosk UI of a tap: the card read finishes (the photo task completes) only when the verifier asks the person to hold still.</summary>
    private sealed class CardReadWhenStill(VirtualKioskCamera camera, TaskCompletionSource<byte[]?> photo, byte[] bytes) : IChallengePrompter
    {
        public int FramesWhenPhotoArrived { get; private set; } = -1;

        public async ValueTask ShowAsync(ChallengePrompt prompt, CancellationToken cancellationToken)
        {
            await camera.ShowAsync(prompt, cancellationToken);
            if (prompt == ChallengePrompt.HoldStill)
            {
                FramesWhenPhotoArrived = camera.FramesRendered;
                photo.SetResult(bytes);
            }
        }
    }

    /// <summary>Frames from <paramref name="first"/> until the <paramref name="switchAfterPrompts"/>-th prompt, then from <paramref name="second"/>; both see every prompt.</summary>
    private sealed class SwappingCamera(VirtualKioskCamera first, VirtualKioskCamera second, int switchAfterPrompts) : IFrameSource, IChallengePrompter
    {
        private int _prompts;

        public string Description => "swap";

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await first.StartAsync(cancellationToken);
            await second.StartAsync(cancellationToken);
        }

        public async ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken)
        {
            var a = await first.ReadFrameAsync(cancellationToken);
            var b = await second.ReadFrameAsync(cancellationToken);
            return _prompts >= switchAfterPrompts ? b : a;
        }

        public async ValueTask ShowAsync(ChallengePrompt prompt, CancellationToken cancellationToken)
        {
            _prompts++;
            await first.ShowAsync(prompt, cancellationToken);
            await second.ShowAsync(prompt, cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A camera that opens and then never delivers a frame.</summary>
    private sealed class SilentCamera : IFrameSource, IChallengePrompter
    {
        public string Description => "silent";

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public ValueTask ShowAsync(ChallengePrompt prompt, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
