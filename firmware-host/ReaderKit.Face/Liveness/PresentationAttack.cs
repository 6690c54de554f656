using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>Overall verdict of a presentation-attack check.</summary>
public enum PadOutcome
{
    /// <summary>No attack indicated by this check.</summary>
    BonaFide,

    /// <summary>The check indicates a presentation attack.</summary>
    Attack,

    /// <summary>The check could not decide (too few frames, face lost, sensor absent): retry or fall back to staff/PIN.</summary>
    Inconclusive,
}

/// <summary>What a check found; each maps to one <see cref="PadOutcome"/>.</summary>
public enum PadFinding
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>No natural motion in the face region over the observed frames (photo or screen held still, frozen video).</summary>
    StaticPresentation,

    /// <summary>Screen-like periodic pattern (moiré / pixel grid) in the face region.</summary>
    ScreenPatternDetected,

    /// <summary>The requested blink or head turn was not observed in the frames given.</summary>
    ChallengeNotCompleted,

    /// <summary>The head turned the opposite way to the request.</summary>
    ChallengeWrongDirection,

    /// <summary>Not enough frames with a face to decide.</summary>
    InsufficientFrames,

    /// <summary>An external sensor (IR/depth) is not available.</summary>
    SensorUnavailable,
}

/// <summary>Result of one check: verdict, finding, the measured score and a short explanation (no personal data).</summary>
public sealed record PadCheckResult(string Check, PadOutcome Outcome, PadFinding Finding, double Score, string Detail)
{
    public static PadCheckResult Pass(string check, double score, string detail) => new(check, PadOutcome.BonaFide, PadFinding.Passed, score, detail);

    public static PadCheckResult Fail(string check, PadFinding finding, double score, string detail) => new(check, PadOutcome.Attack, finding, score, detail);

    public static PadCheckResult Undecided(string check, PadFinding finding, string detail) => new(check, PadOutcome.Inconclusive, finding, double.NaN, detail);
}

/// <summary>One observed camera frame for presentation-attack checks: the image (colour or greyscale, unmirrored) and its detected face (null if none).</summary>
public sealed record PadFrame(FaceImage Image, FaceDetection? Face, DateTimeOffset CapturedAt);

/// <summary>
/// A presentation-attack check over a sequence of frames. This is also the hook for hardware: an IR camera (screens emit no
/// near-infrared, prints reflect it differently) or a depth sensor (a photo is flat) implements this interface, captures
/// its own data for the face boxes it is given, and joins <see cref="PresentationAttackScreening"/>.
/// </summary>
public interface IPresentationAttackDetector
{
    /// <summary>Stable check name for logs and reports.</summary>
    string Name { get; }

    /// <summary>Evaluates the frames (oldest first).</summary>
    ValueTask<PadCheckResult> EvaluateAsync(IReadOnlyList<PadFrame> frames, CancellationToken cancellationToken);
}

/// <summary>Overall screening result: Attack if any check says so, else Inconclusive if any check could not decide, else BonaFide.</summary>
public sealed record PadScreeningResult(PadOutcome Outcome, IReadOnlyList<PadCheckResult> Checks);

/// <summary>Runs several <see cref="IPresentationAttackDetector"/>s and combines them. Not a certified PAD (ISO/IEC 30107-3): see README.</summary>
public sealed class PresentationAttackScreening
{
    private readonly IReadOnlyList<IPresentationAttackDetector> _detectors;

    public PresentationAttackScreening(IEnumerable<IPresentationAttackDetector> detectors)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        _detectors = [.. detectors];
    }

    public async ValueTask<PadScreeningResult> EvaluateAsync(IReadOnlyList<PadFrame> frames, CancellationToken cancellationToken)
    {
        var results = new List<PadCheckResult>(_detectors.Count);
        foreach (var d in _detectors)
        {
            results.Add(await d.EvaluateAsync(frames, cancellationToken).ConfigureAwait(false));
        }

        var outcome = results.Any(r => r.Outcome == PadOutcome.Attack) ? PadOutcome.Attack
            : results.Any(r => r.Outcome == PadOutcome.Inconclusive) ? PadOutcome.Inconclusive
            : PadOutcome.BonaFide;
        return new PadScreeningResult(outcome, results);
    }
}
