using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Liveness;

namespace ReaderKit.Face.Tests;

/// <summary>Presentation-attack logic on synthetic frames and keypoints (no models).</summary>
public class PresentationAttackTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    /// <summary>A frontal face with eyes at (100,100) and (160,100), shifted by dx and with the nose moved by noseDx (yaw).</summary>
    private static FaceDetection Face(double dx = 0, double noseDx = 0) => new(
        new FaceBox(70 + dx, 60, 120, 120),
        0.9f,
        [new(100 + dx, 100), new(160 + dx, 100), new(130 + dx + noseDx, 130), new(130 + dx, 155), new(75 + dx, 110), new(185 + dx, 110)]);

    /// <summary>Textured frame; <paramref name="eyesOpen"/> draws dark irises on bright sclera at the template eye positions.</summary>
    private static FaceImage Frame(int seed, double dx = 0, bool eyesOpen = true)
    {
        var img = TestImages.Noise(260, 220, 7, amplitude: 10);
        var r = new Random(seed);
        var px = img.Rgba;
        for (var i = 0; i < px.Length; i += 4)
        {
            var v = (byte)Math.Clamp(px[i] + r.Next(-2, 3), 0, 255);
            px[i] = px[i + 1] = px[i + 2] = v;
        }

        if (eyesOpen)
        {
            foreach (var cx in new[] { 100 + dx, 160 + dx })
            {
                for (var y = 92; y <= 108; y++)
                {
                    for (var x = (int)cx - 12; x <= (int)cx + 12; x++)
                    {
                        var dark = Math.Abs(x - cx) <= 5;
                        var i = ((y * 260) + x) * 4;
                        px[i] = px[i + 1] = px[i + 2] = dark ? (byte)20 : (byte)235;
                    }
                }
            }
        }

        return img;
    }

    [Fact]
    public async Task Identical_frames_are_a_static_presentation()
    {
        var frames = Enumerable.Range(0, 12).Select(i => new PadFrame(Frame(i), Face(), T0.AddMilliseconds(i * 66))).ToList();
        var r = await new StaticPresentationDetector().EvaluateAsync(frames, CancellationToken.None);
        Assert.Equal(PadOutcome.Attack, r.Outcome);
        Assert.Equal(PadFinding.StaticPresentation, r.Finding);
    }

    [Fact]
    public async Task Drifting_face_is_natural_motion()
    {
        var frames = Enumerable.Range(0, 12).Select(i => new PadFrame(Frame(i, dx: i * 0.5), Face(dx: i * 0.5), T0.AddMilliseconds(i * 66))).ToList();
        var r = await new StaticPresentationDetector().EvaluateAsync(frames, CancellationToken.None);
        Assert.Equal(PadOutcome.BonaFide, r.Outcome);
    }

    [Fact]
    public async Task Too_few_frames_is_inconclusive()
    {
        var frames = Enumerable.Range(0, 3).Select(i => new PadFrame(Frame(i), Face(), T0)).ToList();
        var r = await new StaticPresentationDetector().EvaluateAsync(frames, CancellationToken.None);
        Assert.Equal(PadOutcome.Inconclusive, r.Outcome);
        Assert.Equal(PadFinding.InsufficientFrames, r.Finding);
    }

    [Fact]
    public async Task Head_turn_challenge_passes_in_the_requested_direction_only()
    {
        // Nose moving to the image's right = the subject turning to their left.
        var frames = Enumerable.Range(0, 10).Select(i => new PadFrame(Frame(i), Face(noseDx: i < 4 ? 0 : 12), T0)).ToList();
        var left = await new ActiveChallengeDetector([ChallengeAction.TurnLeft]).EvaluateAsync(frames, CancellationToken.None);
        Assert.Equal(PadOutcome.BonaFide, left.Outcome);
        var right = await new ActiveChallengeDetector([ChallengeAction.TurnRight]).EvaluateAsync(frames, CancellationToken.None);
        Assert.Equal(PadFinding.ChallengeWrongDirection, right.Finding);
        var still = Enumerable.Range(0, 10).Select(i => new PadFrame(Frame(i), Face(), T0)).ToList();
        var none = await new ActiveChallengeDetector([ChallengeAction.TurnLeft]).EvaluateAsync(still, CancellationToken.None);
        Assert.Equal(PadFinding.ChallengeNotCompleted, none.Finding);
    }

    [Fact]
    public async Task Blink_challenge_needs_eyes_to_close_and_reopen()
    {
        bool[] open = [true, true, true, true, false, false, true, true, true];
        var blink = open.Select((o, i) => new PadFrame(Frame(i, eyesOpen: o), Face(), T0)).ToList();
        var r = await new ActiveChallengeDetector([ChallengeAction.Blink]).EvaluateAsync(blink, CancellationToken.None);
        Assert.Equal(PadOutcome.BonaFide, r.Outcome);

        var staring = open.Select((_, i) => new PadFrame(Frame(i), Face(), T0)).ToList();
        var s = await new ActiveChallengeDetector([ChallengeAction.Blink]).EvaluateAsync(staring, CancellationToken.None);
        Assert.Equal(PadFinding.ChallengeNotCompleted, s.Finding);
    }

    [Fact]
    public void Random_challenges_never_repeat_an_action_back_to_back()
    {
        for (var i = 0; i < 50; i++)
        {
            var c = ActiveChallengeDetector.CreateRandom(3);
            Assert.Equal(3, c.Actions.Count);
            Assert.NotEqual(c.Actions[0], c.Actions[1]);
            Assert.NotEqual(c.Actions[1], c.Actions[2]);
        }
    }

    [Fact]
    public async Task Screen_cue_flags_a_periodic_grid_and_not_noise()
    {
        var plain = TestImages.Noise(256, 256, 3, amplitude: 40);
        var grid = TestImages.Noise(256, 256, 3, amplitude: 40);
        for (var y = 0; y < 256; y++)
        {
            for (var x = 0; x < 256; x++)
            {
                if (x % 6 == 0)
                {
                    var i = ((y * 256) + x) * 4;
                    grid.Rgba[i] = grid.Rgba[i + 1] = grid.Rgba[i + 2] = (byte)(grid.Rgba[i] / 3);
                }
            }
        }

        var box = new FaceBox(0, 0, 256, 256);
        var detector = new ScreenReplayDetector();
        Assert.True(detector.PeakRatio(plain, box) < 20);
        var r = await detector.EvaluateAsync([new PadFrame(grid, Face(), T0) with { Face = Face() with { Box = box } }], CancellationToken.None);
        Assert.True(r.Finding == PadFinding.ScreenPatternDetected, $"plain {detector.PeakRatio(plain, box)}, grid {r.Score}");
    }

    private sealed class FakeDepthSensor(PadOutcome outcome) : IPresentationAttackDetector
    {
        public string Name => "depth";

        public ValueTask<PadCheckResult> EvaluateAsync(IReadOnlyList<PadFrame> frames, CancellationToken cancellationToken) =>
            ValueTask.FromResult(outcome == PadOutcome.Attack
                ? PadCheckResult.Fail(Name, PadFinding.StaticPresentation, 0, "flat")
                : PadCheckResult.Pass(Name, 1, "relief"));
    }

    [Fact]
    public async Task Screening_combines_checks_and_accepts_a_hardware_hook()
    {
        var frames = Enumerable.Range(0, 12).Select(i => new PadFrame(Frame(i, dx: i * 0.5), Face(dx: i * 0.5), T0)).ToList();
        var ok = await new PresentationAttackScreening([new StaticPresentationDetector(), new FakeDepthSensor(PadOutcome.BonaFide)]).EvaluateAsync(frames, CancellationToken.None);
        Assert.Equal(PadOutcome.BonaFide, ok.Outcome);
        var flat = await new PresentationAttackScreening([new StaticPresentationDetector(), new FakeDepthSensor(PadOutcome.Attack)]).EvaluateAsync(frames, CancellationToken.None);
        Assert.Equal(PadOutcome.Attack, flat.Outcome);
        Assert.Equal(2, flat.Checks.Count);
    }
}
