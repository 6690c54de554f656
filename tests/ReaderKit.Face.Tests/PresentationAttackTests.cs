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

    /// <summary>Textured frame with dark irises on bright sclera at the eye positions.</summary>
    private static FaceImage Frame(int seed, double dx = 0)
    {
        var img = TestImages.Noise(260, 220, 7, amplitude: 10);
        var r = new Random(seed);
        var px = img.Rgba;
        for (var i = 0; i < px.Length; i += 4)
        {
            var v = (byte)Math.Clamp(px[i] + r.Next(-2, 3), 0, 255);
            px[i] = px[i + 1] = px[i + 2] = v;
        }

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

    /// <summary>Frames cut to their face box and the first frame's (as a verification attempt keeps them) against the whole frames.</summary>
    private static List<PadFrame> Cropped(List<PadFrame> frames) =>
        [.. frames.Select(f => f.CropTo(PadFrame.Cover(f.Face!.Box, frames[0].Face!.Box)))];

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(3.25)]
    public async Task Cropped_frames_give_the_whole_frames_results(double drift)
    {
        var whole = Enumerable.Range(0, 12).Select(i => new PadFrame(Frame(i, dx: i * drift), Face(dx: i * drift), T0.AddMilliseconds(i * 66))).ToList();
        var cropped = Cropped(whole);
        Assert.All(cropped, c => Assert.True(c.Image.Rgba.Length < whole[0].Image.Rgba.Length / 2, $"{c.Image.Width}x{c.Image.Height} is not a crop"));
        Assert.Equal(70, cropped[0].OriginX);
        Assert.Equal(60, cropped[0].OriginY);
        foreach (IPresentationAttackDetector detector in new IPresentationAttackDetector[] { new StaticPresentationDetector(), new ScreenReplayDetector() })
        {
            var a = await detector.EvaluateAsync(whole, CancellationToken.None);
            var b = await detector.EvaluateAsync(cropped, CancellationToken.None);
            Assert.Equal((a.Outcome, a.Finding, a.Score, a.Detail), (b.Outcome, b.Finding, b.Score, b.Detail));
        }
    }

    [Fact]
    public void Cropping_keeps_the_pixels_inside_the_region_and_clips_at_the_frame_edge()
    {
        var frame = new PadFrame(Frame(1), Face(), T0);
        var crop = frame.CropTo(new PixelRect(-10, 200, 50, 100));
        Assert.Equal((0, 200, 40, 20), (crop.OriginX, crop.OriginY, crop.Image.Width, crop.Image.Height));
        Assert.Equal(frame.Image.Rgba.AsSpan(((205 * 260) + 7) * 4, 4).ToArray(), crop.Image.Rgba.AsSpan(((5 * 40) + 7) * 4, 4).ToArray());
        var again = crop.CropTo(new PixelRect(30, 210, 100, 100));
        Assert.Equal((30, 210, 10, 10), (again.OriginX, again.OriginY, again.Image.Width, again.Image.Height));
        Assert.Equal(frame.Image.Rgba.AsSpan(((215 * 260) + 35) * 4, 4).ToArray(), again.Image.Rgba.AsSpan(((5 * 10) + 5) * 4, 4).ToArray());
        Assert.Same(frame, frame.CropTo(new PixelRect(300, 0, 10, 10)));
        Assert.Equal(new PixelRect(70, 60, 124, 121), PadFrame.Cover(new FaceBox(70.5, 60, 120, 120.5), new FaceBox(73.2, 61, 120.1, 100)));
    }

    [Fact]
    public async Task A_screen_pattern_is_found_in_a_cropped_frame()
    {
        var grid = ScreenGrid(300, 280);

        var face = Face() with { Box = new FaceBox(20.5, 10.25, 256, 256) };
        var whole = new PadFrame(grid, face, T0);
        var cropped = whole.CropTo(PadFrame.Cover(face.Box));
        var detector = new ScreenReplayDetector();
        Assert.Equal(detector.PeakRatio(grid, face.Box), detector.PeakRatio(cropped.Image, face.Box, cropped.OriginX, cropped.OriginY));
        var r = await detector.EvaluateAsync([cropped], CancellationToken.None);
        Assert.Equal(PadFinding.ScreenPatternDetected, r.Finding);
    }

    /// <summary>Per-frame challenge measurements: yaw and the two eye aspect ratios.</summary>
    private static ChallengeMeasurement M(double yaw = 0, double ear = 0.3, double? left = null) => new(yaw, ear, left ?? ear);

    [Fact]
    public void Head_turn_challenge_passes_in_the_requested_direction_only()
    {
        // Positive mesh yaw = the subject turning to their left.
        var frames = Enumerable.Range(0, 10).Select(i => M(yaw: i < 4 ? -3 : 14)).ToList();
        Assert.Equal(PadOutcome.BonaFide, new ChallengeSequenceEvaluator([ChallengeAction.TurnLeft]).Evaluate(frames).Outcome);
        var right = new ChallengeSequenceEvaluator([ChallengeAction.TurnRight]).Evaluate(frames);
        Assert.Equal(PadFinding.ChallengeWrongDirection, right.Finding);
        Assert.Equal(PadOutcome.Attack, right.Outcome);

        // 14° is below the 15° threshold: not completed.
        var small = Enumerable.Range(0, 10).Select(i => M(yaw: i < 4 ? 0 : 14)).ToList();
        Assert.Equal(PadFinding.ChallengeNotCompleted, new ChallengeSequenceEvaluator([ChallengeAction.TurnLeft]).Evaluate(small).Finding);
    }

    [Fact]
    public void Blink_challenge_needs_both_eyes_to_close_and_reopen()
    {
        var c = new ChallengeSequenceEvaluator([ChallengeAction.Blink]);
        double[] blink = [0.30, 0.31, 0.29, 0.30, 0.22, 0.21, 0.30, 0.31, 0.30];
        Assert.Equal(PadOutcome.BonaFide, c.Evaluate(blink.Select(e => M(ear: e)).ToList()).Outcome);

        // Staring (noise within ±5 %), a wink (one eye), closed and never reopened, closed from the start.
        double[] staring = [0.30, 0.31, 0.29, 0.30, 0.285, 0.30, 0.31, 0.30, 0.29];
        Assert.Equal(PadFinding.ChallengeNotCompleted, c.Evaluate(staring.Select(e => M(ear: e)).ToList()).Finding);
        Assert.Equal(PadFinding.ChallengeNotCompleted, c.Evaluate(blink.Select(e => M(ear: 0.3, left: e)).ToList()).Finding);
        double[] stayClosed = [0.30, 0.31, 0.29, 0.30, 0.30, 0.31, 0.21, 0.20, 0.21];
        Assert.Equal(PadFinding.ChallengeNotCompleted, c.Evaluate(stayClosed.Select(e => M(ear: e)).ToList()).Finding);
        double[] closedFirst = [0.20, 0.21, 0.30, 0.31, 0.30, 0.30, 0.31, 0.30, 0.29];
        Assert.Equal(PadFinding.ChallengeNotCompleted, c.Evaluate(closedFirst.Select(e => M(ear: e)).ToList()).Finding);

        // A real closed eye (EAR ≤ 0.12) counts whatever the baseline.
        double[] deep = [0.14, 0.14, 0.14, 0.14, 0.10, 0.14, 0.14, 0.14];
        Assert.Equal(PadOutcome.BonaFide, c.Evaluate(deep.Select(e => M(ear: e)).ToList()).Outcome);
    }

    [Fact]
    public void Challenge_actions_must_happen_in_order_and_need_enough_frames()
    {
        var c = new ChallengeSequenceEvaluator([ChallengeAction.Blink, ChallengeAction.TurnRight]);
        var blinkThenTurn = new[] { M(), M(), M(), M(ear: 0.2), M(), M(), M(yaw: -20), M(yaw: -20) };
        Assert.Equal(PadOutcome.BonaFide, c.Evaluate(blinkThenTurn).Outcome);
        var turnThenBlink = new[] { M(), M(), M(yaw: -20), M(yaw: -20), M(yaw: -20), M(yaw: -20, ear: 0.2), M(yaw: -20), M(yaw: -20) };
        Assert.Equal(PadFinding.ChallengeNotCompleted, c.Evaluate(turnThenBlink).Finding);
        var few = c.Evaluate([M(), M(ear: 0.2), M()]);
        Assert.Equal(PadOutcome.Inconclusive, few.Outcome);
        Assert.Equal(PadFinding.InsufficientFrames, few.Finding);
        Assert.Equal(PadFinding.InsufficientFrames, c.Evaluate(Enumerable.Repeat(M(yaw: double.NaN), 8).ToList()).Finding);
    }

    [Fact]
    public void Random_challenges_never_repeat_an_action_back_to_back()
    {
        for (var i = 0; i < 50; i++)
        {
            var c = ChallengeSequenceEvaluator.RandomActions(3);
            Assert.Equal(3, c.Count);
            Assert.NotEqual(c[0], c[1]);
            Assert.NotEqual(c[1], c[2]);
        }
    }

    [Fact]
    public async Task Screen_cue_flags_a_periodic_grid_and_not_noise()
    {
        var plain = TestImages.Noise(256, 256, 3, amplitude: 40);
        var grid = ScreenGrid(256, 256);

        var box = new FaceBox(0, 0, 256, 256);
        var detector = new ScreenReplayDetector();
        Assert.True(detector.PeakRatio(plain, box) < 20);
        var r = await detector.EvaluateAsync([new PadFrame(grid, Face(), T0) with { Face = Face() with { Box = box } }], CancellationToken.None);
        Assert.True(r.Finding == PadFinding.ScreenPatternDetected, $"plain {detector.PeakRatio(plain, box)}, grid {r.Score}");
    }

    /// <summary>Noise with every sixth column darkened to a third: the pixel grid a screen shows the camera.</summary>
    private static FaceImage ScreenGrid(int width, int height)
    {
        var grid = TestImages.Noise(width, height, 3, amplitude: 40);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x += 6)
            {
                var i = ((y * width) + x) * 4;
                grid.Rgba[i] = grid.Rgba[i + 1] = grid.Rgba[i + 2] = (byte)(grid.Rgba[i] / 3);
            }
        }

        return grid;
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
