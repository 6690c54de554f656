using ReaderKit.Contracts;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Models;
using ReaderKit.Face.Verification;
using ReaderKit.Tap.Faces;
using ReaderKit.Tap.Tests.Fakes;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCamera.Kiosk;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Tap.Tests;

/// <summary>
/// The face step over <see cref="FaceVerifier"/> in a whole tap: the emulated reader with a virtual card carrying the holder's
/// chip photo, and the virtual kiosk camera that reacts to the challenge prompts the tap forwards.
/// </summary>
public sealed class FaceVerifierCheckTests
{
    private static readonly ChipPhotoFactory Photos = new();
    private static readonly string ModelDirectory = FaceModelFiles.Locate().Directory;
    private static readonly Lazy<FaceVerifierCheck> Check = new(() => FaceVerifierCheck.Create(new FaceVerifierOptions
    {
        FramesPerPrompt = 5,
        MaxActionFrames = 12,
        StepTimeout = TimeSpan.FromSeconds(30),
        ChipPhotoTimeout = TimeSpan.FromSeconds(30),
    }, ModelDirectory));

    private static async Task<(TapVerdict Verdict, PromptLog Prompts)> TapAsync(KioskPresentation presentation)
    {
        var reader = new EmulatedReader("yamada-taro", Photos);
        var prompts = new PromptLog();
        var camera = new KioskCamera(presentation, PersonaFaces.For(reader.Persona!));
        var tap = new CardTap(EmulatedReader.Options(), reader, camera, Check.Value, prompts, new FixedNowClock());
        return (await tap.RunAsync(new TapRequest { NumberB = reader.NumberB(), RequireFace = true }), prompts);
    }

    [Fact]
    public async Task The_live_holder_following_the_prompts_is_accepted()
    {
        var (verdict, prompts) = await TapAsync(KioskPresentation.LiveHead);
        Assert.True(verdict.IsAccepted, verdict.Message + "\n" + string.Join("\n", verdict.Checks));
        Assert.Equal(TapFaceOutcome.Accepted, verdict.Face);
        Assert.Contains(verdict.Checks, c => c is { Name: "face.match", Status: CheckLineStatus.Pass });
        Assert.Contains(prompts.Prompts, p => p is TapPrompt.Blink or TapPrompt.TurnHeadLeft or TapPrompt.TurnHeadRight);
        Assert.Contains(verdict.Timings, t => t.Name.StartsWith("face.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asked_for_the_live_frame_the_tap_returns_a_copy_of_one_the_camera_produced()
    {
        var (verdict, face, camera) = await LiveFrameTapAsync(TapPersonalFields.LiveFrame);
        Assert.True(verdict.IsAccepted, verdict.Message);
        var best = face.BestFrame;
        Assert.NotNull(best);
        Assert.Equal(best, verdict.Personal?.LiveFrameJpeg);
        // The camera reuses (here: clears) each buffer once the next frame is read, so only a copy survives intact.
        Assert.Contains(camera.Delivered, f => f.AsSpan().SequenceEqual(best));
        Assert.Equal([0xff, 0xd8], best[..2]);
        var image = FaceImageDecoder.Decode(best);
        Assert.True(image.Width > 0 && image.Height > 0);
    }

    [Fact]
    public async Task Not_asked_for_the_live_frame_the_face_check_keeps_none()
    {
        var (verdict, face, camera) = await LiveFrameTapAsync(TapPersonalFields.None);
        Assert.True(verdict.IsAccepted, verdict.Message);
        Assert.NotEmpty(camera.Delivered);
        Assert.NotNull(face.Score); // the face was compared: a frame could have been kept
        Assert.Null(face.BestFrame);
    }

    private static async Task<(TapVerdict Verdict, TapFaceResult Face, RecordingCamera Camera)> LiveFrameTapAsync(TapPersonalFields fields)
    {
        var reader = new EmulatedReader("yamada-taro", Photos);
        var camera = new RecordingCamera(new VirtualKioskCamera(KioskPresentation.LiveHead, PersonaFaces.For(reader.Persona!), ModelDirectory));
        var check = new RecordingCheck(Check.Value);
        var tap = new CardTap(EmulatedReader.Options(), reader, new Opened(camera), check, new PromptLog(), new FixedNowClock());
        var verdict = await tap.RunAsync(new TapRequest { NumberB = reader.NumberB(), RequireFace = true, PersonalFields = fields });
        return (verdict, check.Result ?? throw new InvalidOperationException("the face check did not run"), camera);
    }

    [Fact]
    public void A_deferred_check_is_warm_only_once_its_models_loaded()
    {
        using var missing = FaceVerifierCheck.Deferred(new FaceVerifierOptions(), Path.Combine(Path.GetTempPath(), "readerkit-no-models-" + Guid.NewGuid().ToString("N")));
        Assert.False(missing.IsWarm);
        Assert.Throws<FaceModelsMissingException>(missing.Warm);
        Assert.False(missing.IsWarm);

        using var check = FaceVerifierCheck.Deferred(new FaceVerifierOptions(), ModelDirectory);
        Assert.False(check.IsWarm);
        check.Warm();
        Assert.True(check.IsWarm);
    }

    [Fact]
    public async Task A_waved_print_of_the_holder_is_refused_as_an_attack()
    {
        var (verdict, _) = await TapAsync(KioskPresentation.PrintWaved);
        Assert.Equal(VerdictKind.FaceNotAccepted, verdict.Kind);
        Assert.Equal(ErrorCode.PresentationAttackSuspected, verdict.Error);
        Assert.True(verdict.CardVerified);
    }

    [Fact]
    public void Verifications_map_onto_the_tap_outcomes_and_check_lines()
    {
        var v = new FaceVerification
        {
            Outcome = FaceOutcome.NotMatched,
            Reason = "match: 1.2 below 2.55",
            Score = 1.2,
            Threshold = 2.55,
            Checks = [new FaceCheck("challenge", true, "blink, turn-left"), new FaceCheck("match", false, "1.2 < 2.55")],
            FramesCaptured = 30,
            FramesUsed = 5,
            Timings = new Dictionary<string, TimeSpan> { ["capture"] = TimeSpan.FromSeconds(1), ["match"] = TimeSpan.FromSeconds(0.2), ["total"] = TimeSpan.FromSeconds(1.2) },
        };
        var r = FaceVerifierCheck.Map(v, TimeSpan.FromSeconds(0.5));
        Assert.Equal(TapFaceOutcome.NotMatched, r.Outcome);
        Assert.Equal("NoMatch", r.MatchDecision);
        Assert.Equal([new CheckLine("face.challenge", CheckLineStatus.Pass, "blink, turn-left"), new CheckLine("face.match", CheckLineStatus.Fail, "1.2 < 2.55")], r.Checks);
        Assert.Equal([new TapTiming("face.capture", TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)), new TapTiming("face.match", TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(0.2))], r.Timings);
        Assert.Equal(TapFaceOutcome.Inconclusive, FaceVerifierCheck.Map(v with { Outcome = FaceOutcome.Inconclusive, Score = null }, TimeSpan.Zero).Outcome);
        Assert.Equal(TapFaceOutcome.PresentationAttack, FaceVerifierCheck.Map(v with { Outcome = FaceOutcome.PresentationAttack }, TimeSpan.Zero).Outcome);
        Assert.Null(r.BestFrame);
        Assert.Equal([0xff, 0xd8, 1], FaceVerifierCheck.Map(v with { BestFrame = [0xff, 0xd8, 1] }, TimeSpan.Zero).BestFrame);
    }

    /// <summary>Hands out one already opened camera.</summary>
    private sealed class Opened(IFrameSource camera) : IFrameSourceFactory
    {
        public string Description => camera.Description;

        public IFrameSource Open() => camera;
    }

    /// <summary>Keeps the result of the wrapped check.</summary>
    private sealed class RecordingCheck(ITapFaceCheck inner) : ITapFaceCheck
    {
        public TapFaceResult? Result { get; private set; }

        public async Task<TapFaceResult> CheckAsync(TapFaceContext context, CancellationToken cancellationToken) =>
            Result = await inner.CheckAsync(context, cancellationToken);
    }

    /// <summary>
    /// Records a copy of every frame the kiosk camera produced, and behaves like a camera that reuses its buffers: the previous
    /// frame's bytes are cleared when the next frame is read (and at disposal).
    /// </summary>
    private sealed class RecordingCamera(VirtualKioskCamera inner) : IFrameSource, IChallengePrompter
    {
        private readonly List<byte[]> _delivered = [];
        private byte[]? _previous;

        public IReadOnlyList<byte[]> Delivered
        {
            get
            {
                lock (_delivered)
                {
                    return [.. _delivered];
                }
            }
        }

        public string Description => inner.Description;

        public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

        public async ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken)
        {
            Reuse();
            var frame = await inner.ReadFrameAsync(cancellationToken);
            lock (_delivered)
            {
                _delivered.Add((byte[])frame.EncodedImage.Clone());
            }

            _previous = frame.EncodedImage;
            return frame;
        }

        public ValueTask ShowAsync(ChallengePrompt prompt, CancellationToken cancellationToken) => inner.ShowAsync(prompt, cancellationToken);

        public ValueTask DisposeAsync()
        {
            Reuse();
            return inner.DisposeAsync();
        }

        private void Reuse()
        {
            if (_previous is { } previous)
            {
                Array.Clear(previous);
            }
        }
    }

    private sealed class KioskCamera(KioskPresentation presentation, SampleFace face) : IFrameSourceFactory
    {
        public string Description => "virtual kiosk camera";

        public IFrameSource Open() => new VirtualKioskCamera(presentation, face, ModelDirectory);
    }
}
