using ReaderKit.Contracts;
using ReaderKit.Face.Camera;
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
    public async Task A_waved_print_of_the_holder_is_refused_as_an_attack()
    {
        var (verdict, _) = await TapAsync(KioskPresentation.PrintWaved);
        Assert.Equal(VerdictKind.FaceNotAccepted, verdict.Kind);
        Assert.Equal(ErrorCode.PresentationAttackSuspected, verdict.Error);
        Assert.True(verdict.CardVerified);
    }

    [Fact]
    public void A_deferred_check_is_warm_only_after_its_models_loaded()
    {
        using var missing = FaceVerifierCheck.Deferred(new FaceVerifierOptions(), Path.Combine(Path.GetTempPath(), $"no-models-{Guid.NewGuid():N}"));
        Assert.False(missing.IsWarm);
        Assert.ThrowsAny<FaceModelsMissingException>(missing.Warm);
        Assert.False(missing.IsWarm);

        using var present = FaceVerifierCheck.Deferred(new FaceVerifierOptions(), ModelDirectory);
        Assert.False(present.IsWarm);
        present.Warm();
        Assert.True(present.IsWarm);
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
    }

    private sealed class KioskCamera(KioskPresentation presentation, SampleFace face) : IFrameSourceFactory
    {
        public string Description => "virtual kiosk camera";

        public IFrameSource Open() => new VirtualKioskCamera(presentation, face, ModelDirectory);
    }
}
