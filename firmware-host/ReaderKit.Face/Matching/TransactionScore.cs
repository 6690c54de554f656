namespace ReaderKit.Face.Matching;

/// <summary>Result of <see cref="TransactionRule.Score"/>: the score (null = not enough usable frames), and the frame counts behind it.</summary>
/// <param name="Score">Mean of the best <paramref name="FramesAveraged"/> usable frame scores; null when no decision can be made.</param>
/// <param name="UsableFrames">Frames that passed the quality gates.</param>
/// <param name="Frames">Frames seen.</param>
/// <param name="FramesAveraged">Frames in the mean.</param>
public sealed record TransactionScore(double? Score, int UsableFrames, int Frames, int FramesAveraged)
{
    /// <summary>True when there is a score and it reaches <paramref name="threshold"/>; a missing score never matches (fail closed).</summary>
    public bool Matches(double threshold) => Score is { } s && s >= threshold;
}
