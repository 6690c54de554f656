using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>Overall screening result: Attack if any check says so, else Inconclusive if any check could not decide, else BonaFide.</summary>
public sealed record PadScreeningResult(PadOutcome Outcome, IReadOnlyList<PadCheckResult> Checks);
