using System.Security.Cryptography;
using ReaderKit.Face.Landmarks;

namespace ReaderKit.Face.Liveness;

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
        var contrast = valid.Select(m => m.EyeAppearance).ToArray();
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

        // The eye appearance score, where measured on every frame, is a second closure cue with its own baseline (median).
        var measured = contrast.Length > 0 && contrast.All(double.IsFinite);
        var baseContrast = measured ? Median(contrast) : double.NaN;
        measured &= baseContrast > 0;
        bool Open(int i) => right[i] >= _options.ReopenedRatio * baseRight && left[i] >= _options.ReopenedRatio * baseLeft
            && (!measured || contrast[i] >= _options.ReopenedRatio * baseContrast);
        bool Closed(int i) =>
            (right[i] <= _options.ClosedRatio * baseRight && left[i] <= _options.ClosedRatio * baseLeft)
            || (right[i] + left[i]) / 2 <= _options.ClosedEyeAspectRatio
            || (measured && contrast[i] <= _options.ClosedContrastRatio * baseContrast
                && right[i] <= _options.AppearanceEyeAspectRatio * baseRight && left[i] <= _options.AppearanceEyeAspectRatio * baseLeft);

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
