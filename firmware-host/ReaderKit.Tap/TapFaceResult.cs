using ReaderKit.Contracts;

namespace ReaderKit.Tap;

/// <summary>What an <see cref="ITapFaceCheck"/> found.</summary>
/// <param name="Outcome">One of <see cref="TapFaceOutcome.Accepted"/>, <see cref="TapFaceOutcome.NotMatched"/>,
/// <see cref="TapFaceOutcome.PresentationAttack"/>, <see cref="TapFaceOutcome.NoFace"/> or <see cref="TapFaceOutcome.Inconclusive"/>.</param>
/// <param name="Reason">One line for people.</param>
/// <param name="Score">The match score, when a usable live face was compared.</param>
/// <param name="Threshold">The threshold the score was held against.</param>
/// <param name="Checks">Check lines (<c>face.match</c>, <c>face.pad.*</c>, <c>face.challenge</c> …).</param>
/// <param name="Timings">Spans named <c>face.*</c>, relative to the tap's start.</param>
public sealed record TapFaceResult(
    TapFaceOutcome Outcome,
    string Reason,
    double? Score,
    double Threshold,
    IReadOnlyList<CheckLine> Checks,
    IReadOnlyList<TapTiming> Timings)
{
    /// <summary>The 1:1 match decision as reports name it: <c>Match</c>, <c>NoMatch</c>, <c>LiveUnusable</c>, <c>EnrolmentUnusable</c> (or <c>NotCompared</c>).</summary>
    public string MatchDecision { get; init; } = "NotCompared";

    /// <summary>Live frames captured.</summary>
    public int FramesCaptured { get; init; }

    /// <summary>Live frames with a usable face.</summary>
    public int FramesUsable { get; init; }

    /// <summary>
    /// The encoded live frame that scored best against the chip photo (as the camera delivered it), only when
    /// <see cref="TapFaceContext.KeepBestFrame"/> asked for it and a frame was compared; otherwise null.
    /// </summary>
    public byte[]? BestFrame { get; init; }
}
