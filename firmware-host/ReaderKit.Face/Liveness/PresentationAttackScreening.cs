using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

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
