using System.Security.Cryptography;
using ReaderKit.Face.Landmarks;

namespace ReaderKit.Face.Liveness;

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
