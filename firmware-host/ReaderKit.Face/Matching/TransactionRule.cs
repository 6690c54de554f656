namespace ReaderKit.Face.Matching;

/// <summary>
/// How the live frames of one transaction (one tracked face during one tap) become one decision: the score is the mean of the
/// <see cref="BestK"/> highest per-frame scores among the frames that passed the quality gates, and no decision is made with
/// fewer than <see cref="MinUsableFrames"/> such frames. The threshold compared with it must be set for the transaction-level
/// FMR (README "Decisions per transaction"): taking the best frames raises impostor scores too.
/// </summary>
/// <param name="BestK">Number of best frame scores averaged (≥ 1).</param>
/// <param name="MinUsableFrames">Quality-passing frames needed for a decision (≥ 1; at least <paramref name="BestK"/> is sensible).</param>
public sealed record TransactionRule(int BestK = 3, int MinUsableFrames = 3)
{
    /// <summary>One frame, one score: the per-attempt decision of the single-frame matcher.</summary>
    public static TransactionRule SingleFrame { get; } = new(1, 1);

    /// <summary>
    /// The transaction score of <paramref name="frameScores"/> (one entry per live frame; <see langword="null"/> for a frame that
    /// failed a quality gate or had no usable face), or <see langword="null"/> when fewer than <see cref="MinUsableFrames"/> frames
    /// are usable. Pure function: order of the frames does not matter.
    /// </summary>
    public TransactionScore Score(IReadOnlyList<double?> frameScores)
    {
        ArgumentNullException.ThrowIfNull(frameScores);
        ArgumentOutOfRangeException.ThrowIfLessThan(BestK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinUsableFrames, 1);
        var usable = frameScores.Where(s => s is { } v && double.IsFinite(v)).Select(s => s!.Value).OrderDescending().ToArray();
        if (usable.Length < MinUsableFrames)
        {
            return new TransactionScore(null, usable.Length, frameScores.Count, 0);
        }

        var k = Math.Min(BestK, usable.Length);
        return new TransactionScore(usable.Take(k).Average(), usable.Length, frameScores.Count, k);
    }
}
