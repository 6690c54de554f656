using System.Security.Cryptography;
using ReaderKit.Face.Alignment;
using ReaderKit.Face.Quality;

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

/// <summary>Thresholds of <see cref="ActiveChallengeDetector"/>.</summary>
public sealed record ActiveChallengeOptions
{
    /// <summary>Yaw change from the starting pose, degrees, that counts as a turn.</summary>
    public double MinTurnDegrees { get; init; } = 15;

    /// <summary>Relative drop of eye-region contrast (vs the sequence median) that counts as closed eyes.</summary>
    public double BlinkDrop { get; init; } = 0.3;

    /// <summary>Frames with a face needed.</summary>
    public int MinFrames { get; init; } = 6;

    /// <summary>Frames used as the starting pose.</summary>
    public int BaselineFrames { get; init; } = 3;
}

/// <summary>
/// Active challenge from BlazeFace keypoints (FaceMesh is not available as a converted model, so no eye-aspect ratio):
/// <list type="bullet">
/// <item>Head turn: the keypoint yaw estimate (<see cref="HeadPose"/>) must move at least <see cref="ActiveChallengeOptions.MinTurnDegrees"/>
/// from the starting pose in the requested direction; the opposite direction is <see cref="PadFinding.ChallengeWrongDirection"/>.</item>
/// <item>Blink: the contrast of both eye regions in the aligned chip (dark iris and bright sclera vs eyelid skin) must drop by
/// <see cref="ActiveChallengeOptions.BlinkDrop"/> below the sequence median in some frame and recover afterwards.</item>
/// </list>
/// The actions are drawn at random (<see cref="CreateRandom"/>) so a prepared video cannot anticipate them; the frames given must
/// cover the whole challenge, oldest first.
/// </summary>
public sealed class ActiveChallengeDetector : IPresentationAttackDetector
{
    private readonly ActiveChallengeOptions _options;

    public ActiveChallengeDetector(IReadOnlyList<ChallengeAction> actions, ActiveChallengeOptions? options = null)
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

    public string Name => "active-challenge";

    /// <summary>A challenge of <paramref name="count"/> actions drawn with a cryptographic RNG: one turn plus a blink by default.</summary>
    public static ActiveChallengeDetector CreateRandom(int count = 2, ActiveChallengeOptions? options = null)
    {
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

        return new ActiveChallengeDetector(actions, options);
    }

    public ValueTask<PadCheckResult> EvaluateAsync(IReadOnlyList<PadFrame> frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var withFace = frames.Where(f => f.Face is not null).ToList();
        if (withFace.Count < _options.MinFrames)
        {
            return ValueTask.FromResult(PadCheckResult.Undecided(Name, PadFinding.InsufficientFrames, $"{withFace.Count} frames with a face"));
        }

        var yaw = withFace.Select(f => HeadPose.From(f.Face!).YawDegrees).ToArray();
        var openness = withFace.Select(f => EyeOpenness(f)).ToArray();

        // Actions must happen in order: each one is searched from where the previous one completed.
        var start = 0;
        foreach (var action in Actions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (done, at, finding, score) = action == ChallengeAction.Blink ? FindBlink(openness, start) : FindTurn(yaw, start, action);
            if (!done)
            {
                return ValueTask.FromResult(PadCheckResult.Fail(Name, finding, score, $"{action} not observed"));
            }

            start = at;
        }

        return ValueTask.FromResult(PadCheckResult.Pass(Name, 1, string.Join(", ", Actions) + " observed"));
    }

    /// <summary>Eye-region contrast of the aligned chip of one frame (see <see cref="FaceQualityAssessor.EyeOpenness"/>).</summary>
    public static double EyeOpenness(PadFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Face is null)
        {
            return double.NaN;
        }

        var chip = FaceAligner.Align(frame.Image, frame.Face, ChipTemplate.Dlib).Chip;
        return FaceQualityAssessor.EyeOpenness(chip.ToLuma(), chip.Width, ChipTemplate.Dlib);
    }

    private (bool Done, int At, PadFinding Finding, double Score) FindTurn(double[] yaw, int start, ChallengeAction action)
    {
        var baselineEnd = Math.Min(yaw.Length, start + _options.BaselineFrames);
        var baseline = yaw[start..baselineEnd].Order().ElementAt((baselineEnd - start) / 2);
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

    private (bool Done, int At, PadFinding Finding, double Score) FindBlink(double[] openness, int start)
    {
        var valid = openness.Where(double.IsFinite).Order().ToArray();
        if (valid.Length == 0)
        {
            return (false, openness.Length, PadFinding.ChallengeNotCompleted, 0);
        }

        var median = valid[valid.Length / 2];
        var closed = median * (1 - _options.BlinkDrop);
        var reopened = median * (1 - (_options.BlinkDrop / 2));
        var deepest = 0.0;
        for (var i = start; i < openness.Length; i++)
        {
            if (!(openness[i] <= closed))
            {
                continue;
            }

            deepest = Math.Max(deepest, 1 - (openness[i] / median));
            for (var j = i + 1; j < openness.Length; j++)
            {
                if (openness[j] >= reopened)
                {
                    return (true, j, PadFinding.Passed, deepest);
                }
            }
        }

        return (false, openness.Length, PadFinding.ChallengeNotCompleted, deepest);
    }
}
