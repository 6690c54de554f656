using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>Result of one check: verdict, finding, the measured score and a short explanation (no personal data).</summary>
public sealed record PadCheckResult(string Check, PadOutcome Outcome, PadFinding Finding, double Score, string Detail)
{
    public static PadCheckResult Pass(string check, double score, string detail) => new(check, PadOutcome.BonaFide, PadFinding.Passed, score, detail);

    public static PadCheckResult Fail(string check, PadFinding finding, double score, string detail) => new(check, PadOutcome.Attack, finding, score, detail);

    public static PadCheckResult Undecided(string check, PadFinding finding, string detail) => new(check, PadOutcome.Inconclusive, finding, double.NaN, detail);
}
