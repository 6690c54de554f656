using System.Security.Cryptography;
using ReaderKit.Face.Landmarks;

namespace ReaderKit.Face.Liveness;

/// <summary>An action the person is asked to perform. Directions are the subject's own (their left).</summary>
public enum ChallengeAction
{
    /// <summary>Close and reopen both eyes.</summary>
    Blink,

    /// <summary>Turn the head to the subject's left (nose moves to the image's right in an unmirrored frame).</summary>
    TurnLeft,

    /// <summary>Turn the head to the subject's right.</summary>
    TurnRight,
}

/// <summary>Thresholds of <see cref="ActiveChallengeDetector"/>; calibration in the README (PAD section).</summary>
public sealed record ActiveChallengeOptions
{
    /// <summary>Mesh yaw change from the starting pose, degrees, that counts as a turn.</summary>
    public double MinTurnDegrees { get; init; } = 15;

    /// <summary>An eye counts as closed when its eye aspect ratio is at most this fraction of its own sequence median (the open-eye baseline).</summary>
    public double ClosedRatio { get; init; } = 0.85;

    /// <summary>Eyes count as open again (and before the blink) when both are at least this fraction of their baseline.</summary>
    public double ReopenedRatio { get; init; } = 0.9;

    /// <summary>A mean eye aspect ratio at or below this counts as closed whatever the baseline (a real closed eye; open eyes measured 0.2–0.45).</summary>
    public double ClosedEyeAspectRatio { get; init; } = 0.12;

    /// <summary>
    /// Eyes also count as closed when the eye-region contrast (<see cref="ChallengeMeasurement.EyeContrast"/>) falls to this fraction of
    /// its own baseline: FaceMesh without the iris refinement barely closes its eye contour (README), while the iris and sclera
    /// vanishing from the eye region is a strong cue. Ignored for measurements without a contrast (NaN).
    /// </summary>
    public double ClosedContrastRatio { get; init; } = 0.8;

    /// <summary>Frames with a measured face needed.</summary>
    public int MinFrames { get; init; } = 6;

    /// <summary>Frames used as the starting pose of a turn.</summary>
    public int BaselineFrames { get; init; } = 3;

    /// <summary>FaceMesh face-presence confidence below which a frame counts as having no face.</summary>
    public double MinMeshConfidence { get; init; } = 0.5;
}

/// <summary>What the challenge measures in one frame: FaceMesh head yaw (degrees, &gt; 0 = subject's left) and the two eye aspect ratios.</summary>
public readonly record struct ChallengeMeasurement(double YawDegrees, double RightEyeAspectRatio, double LeftEyeAspectRatio)
{
    /// <summary>
    /// Eye-region contrast of the aligned face (<see cref="Quality.FaceQualityAssessor.EyeOpenness"/>: 10–90 % luma spread of both
    /// eye regions over the face's), NaN when not measured. Open eyes ≈ 0.9–1.0 on the virtual kiosk's faces, shut ≈ 0.6–0.7.
    /// </summary>
    public double EyeContrast { get; init; } = double.NaN;

    /// <summary>Measures one mesh (see <see cref="FaceMeshGeometry"/>).</summary>
    public static ChallengeMeasurement From(FaceMesh mesh) => new(
        FaceMeshGeometry.HeadPose(mesh).YawDegrees,
        FaceMeshGeometry.EyeAspectRatio(mesh, FaceSide.Right),
        FaceMeshGeometry.EyeAspectRatio(mesh, FaceSide.Left));
}

/// <summary>
/// Active challenge measured with FaceMesh (468 landmarks, <see cref="FaceMeshLandmarker"/>) on the face detected in each frame:
/// <list type="bullet">
/// <item>Head turn: the mesh yaw (<see cref="FaceMeshGeometry.HeadPose"/>) must move at least <see cref="ActiveChallengeOptions.MinTurnDegrees"/>
/// from the starting pose (median of the first frames) in the requested direction; the opposite direction is <see cref="PadFinding.ChallengeWrongDirection"/>.</item>
/// <item>Blink: with both eyes open first, both eye aspect ratios drop to <see cref="ActiveChallengeOptions.ClosedRatio"/> of their own baseline
/// (or the mean to <see cref="ActiveChallengeOptions.ClosedEyeAspectRatio"/>) in some frame and recover to <see cref="ActiveChallengeOptions.ReopenedRatio"/>.</item>
/// </list>
/// The actions are drawn at random (<see cref="CreateRandom"/>) so a prepared video cannot anticipate them; the frames given must cover the
/// whole challenge, oldest first, and be unmirrored (a mirrored preview must not be fed back). The landmarker is not owned (not disposed).
/// </summary>
public sealed class ActiveChallengeDetector : IPresentationAttackDetector
{
    private readonly FaceMeshLandmarker _landmarker;
    private readonly ActiveChallengeOptions _options;
    private readonly ChallengeSequenceEvaluator _evaluator;

    public ActiveChallengeDetector(IReadOnlyList<ChallengeAction> actions, FaceMeshLandmarker landmarker, ActiveChallengeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(landmarker);
        _landmarker = landmarker;
        _options = options ?? new ActiveChallengeOptions();
        _evaluator = new ChallengeSequenceEvaluator(actions, _options);
    }

    /// <summary>The requested actions, in order.</summary>
    public IReadOnlyList<ChallengeAction> Actions => _evaluator.Actions;

    public string Name => ChallengeSequenceEvaluator.CheckName;

    /// <summary>A challenge of <paramref name="count"/> actions drawn with a cryptographic RNG (no action twice in a row).</summary>
    public static ActiveChallengeDetector CreateRandom(FaceMeshLandmarker landmarker, int count = 2, ActiveChallengeOptions? options = null) =>
        new(ChallengeSequenceEvaluator.RandomActions(count), landmarker, options);

    /// <summary>The measurement of one frame, or null when it has no face or FaceMesh does not confirm one.</summary>
    public ChallengeMeasurement? Measure(PadFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Face is null)
        {
            return null;
        }

        var mesh = _landmarker.Estimate(frame.Image, frame.Face);
        return mesh.FaceConfidence < _options.MinMeshConfidence ? null : ChallengeMeasurement.From(mesh);
    }

    public ValueTask<PadCheckResult> EvaluateAsync(IReadOnlyList<PadFrame> frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var measured = new List<ChallengeMeasurement>(frames.Count);
        foreach (var frame in frames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Measure(frame) is { } m)
            {
                measured.Add(m);
            }
        }

        return ValueTask.FromResult(_evaluator.Evaluate(measured));
    }
}

/// <summary>The challenge logic of <see cref="ActiveChallengeDetector"/> over per-frame measurements (frames without a face already removed).</summary>
public sealed class ChallengeSequenceEvaluator
{
    /// <summary>Check name in <see cref="PadCheckResult"/>.</summary>
    public const string CheckName = "active-challenge";

    private readonly ActiveChallengeOptions _options;

    public ChallengeSequenceEvaluator(IReadOnlyList<ChallengeAction> actions, ActiveChallengeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            throw new ArgumentException("at least one action", nameof(actions));
        }

        Actions = actions;
        _options = options ?? new ActiveChallengeOptions();
    }

    /// <summary>The requested actions, in order.</summary>
    public IReadOnlyList<ChallengeAction> Actions { get; }

    /// <summary><paramref name="count"/> actions from a cryptographic RNG, never the same action twice in a row.</summary>
    public static IReadOnlyList<ChallengeAction> RandomActions(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var actions = new List<ChallengeAction>();
        for (var i = 0; i < count; i++)
        {
            var pick = (ChallengeAction)RandomNumberGenerator.GetInt32(3);
            if (actions.Count > 0 && actions[^1] == pick)
            {
                pick = pick == ChallengeAction.Blink ? ChallengeAction.TurnLeft : ChallengeAction.Blink;
            }

            actions.Add(pick);
        }

        return actions;
    }

    /// <summary>Evaluates the measurements (oldest first): the actions must happen in order.</summary>
    public PadCheckResult Evaluate(IReadOnlyList<ChallengeMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var valid = measurements.Where(m => double.IsFinite(m.YawDegrees) && double.IsFinite(m.RightEyeAspectRatio) && double.IsFinite(m.LeftEyeAspectRatio)).ToArray();
        if (valid.Length < _options.MinFrames)
        {
            return PadCheckResult.Undecided(CheckName, PadFinding.InsufficientFrames, $"{valid.Length} frames with a face mesh, {_options.MinFrames} needed");
        }

        var yaw = valid.Select(m => m.YawDegrees).ToArray();
        var right = valid.Select(m => m.RightEyeAspectRatio).ToArray();
        var left = valid.Select(m => m.LeftEyeAspectRatio).ToArray();
        var contrast = valid.Select(m => m.EyeContrast).ToArray();
        var start = 0;
        foreach (var action in Actions)
        {
            var (done, at, finding, score) = action == ChallengeAction.Blink ? FindBlink(right, left, contrast, start) : FindTurn(yaw, start, action);
            if (!done)
            {
                return PadCheckResult.Fail(CheckName, finding, score, $"{action} not observed");
            }

            start = at;
        }

        return PadCheckResult.Pass(CheckName, 1, string.Join(", ", Actions) + " observed");
    }

    private (bool Done, int At, PadFinding Finding, double Score) FindTurn(double[] yaw, int start, ChallengeAction action)
    {
        var baselineEnd = Math.Min(yaw.Length, start + _options.BaselineFrames);
        var baseline = Median(yaw[start..baselineEnd]);
        var sign = action == ChallengeAction.TurnLeft ? 1 : -1;
        double best = 0, worst = 0;
        for (var i = start; i < yaw.Length; i++)
        {
            var delta = (yaw[i] - baseline) * sign;
            best = Math.Max(best, delta);
            worst = Math.Min(worst, delta);
            if (delta >= _options.MinTurnDegrees)
            {
                return (true, i, PadFinding.Passed, delta);
            }
        }

        return -worst >= _options.MinTurnDegrees
            ? (false, yaw.Length, PadFinding.ChallengeWrongDirection, best)
            : (false, yaw.Length, PadFinding.ChallengeNotCompleted, best);
    }

    private (bool Done, int At, PadFinding Finding, double Score) FindBlink(double[] right, double[] left, double[] contrast, int start)
    {
        // Open-eye baseline: each eye's median over the whole sequence (a blink lasts a few frames, so most frames are open).
        var baseRight = Median(right);
        var baseLeft = Median(left);
        if (!(baseRight > 0) || !(baseLeft > 0))
        {
            return (false, right.Length, PadFinding.ChallengeNotCompleted, 0);
        }

        // Eye contrast, where measured on every frame, is a second closure cue with its own baseline (median).
        var measured = contrast.Length > 0 && contrast.All(double.IsFinite);
        var baseContrast = measured ? Median(contrast) : double.NaN;
        measured &= baseContrast > 0;
        bool Open(int i) => right[i] >= _options.ReopenedRatio * baseRight && left[i] >= _options.ReopenedRatio * baseLeft
            && (!measured || contrast[i] >= _options.ReopenedRatio * baseContrast);
        bool Closed(int i) =>
            (right[i] <= _options.ClosedRatio * baseRight && left[i] <= _options.ClosedRatio * baseLeft)
            || (right[i] + left[i]) / 2 <= _options.ClosedEyeAspectRatio
            || (measured && contrast[i] <= _options.ClosedContrastRatio * baseContrast);

        var deepest = 0.0;
        var seenOpen = false;
        for (var i = start; i < right.Length; i++)
        {
            deepest = Math.Max(deepest, 1 - Math.Max(right[i] / baseRight, left[i] / baseLeft));
            if (measured)
            {
                deepest = Math.Max(deepest, 1 - (contrast[i] / baseContrast));
            }

            if (!seenOpen)
            {
                seenOpen = Open(i);
                continue;
            }

            if (!Closed(i))
            {
                continue;
            }

            for (var j = i + 1; j < right.Length; j++)
            {
                if (Open(j))
                {
                    return (true, j, PadFinding.Passed, deepest);
                }
            }
        }

        return (false, right.Length, PadFinding.ChallengeNotCompleted, deepest);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
