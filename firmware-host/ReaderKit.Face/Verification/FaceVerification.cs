namespace ReaderKit.Face.Verification;

/// <summary>
/// Result of one <see cref="FaceVerifier.VerifyAsync(Camera.IFrameSource, IChallengePrompter, Task{byte[]}, bool, CancellationToken)"/> attempt. <see cref="Reason"/> names the check that decided (one line,
/// no personal data). <see cref="Score"/> is the transaction score of the tracked face against the chip photo (null when no
/// match was computed), in the fused units of <see cref="Threshold"/>.
/// </summary>
public sealed record FaceVerification
{
    public required FaceOutcome Outcome { get; init; }

    /// <summary>Which check decided, in one line (e.g. "parallax: landmarks moved by one homography (planar presentation)").</summary>
    public required string Reason { get; init; }

    /// <summary>Transaction score (mean of the best frames of the tracked face); null when no comparison was made.</summary>
    public double? Score { get; init; }

    /// <summary>Transaction threshold the score was compared with.</summary>
    public required double Threshold { get; init; }

    /// <summary>Every check that ran, in order.</summary>
    public required IReadOnlyList<FaceCheck> Checks { get; init; }

    /// <summary>The challenge prompts shown, in order.</summary>
    public IReadOnlyList<ChallengePrompt> Prompts { get; init; } = [];

    /// <summary>Frames read from the camera.</summary>
    public int FramesCaptured { get; init; }

    /// <summary>Frames of the tracked face that entered the match (quality-passing, after the liveness checks).</summary>
    public int FramesUsed { get; init; }

    /// <summary>Wall time per stage (camera, capture, landmarks, liveness, chip-photo wait, match, total).</summary>
    public IReadOnlyDictionary<string, TimeSpan> Timings { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>
    /// The encoded camera frame (JPEG as the camera delivered it, a copy) of the frame used for matching that scored highest
    /// against the chip photo on its own. Null unless the caller asked for it (<c>keepBestFrame</c> of
    /// <see cref="FaceVerifier.VerifyAsync(Camera.IFrameSource, IChallengePrompter, Task{byte[]}, bool, CancellationToken)"/>)
    /// and the live face was compared with the chip photo. Personal data: the holder's face.
    /// </summary>
    public byte[]? BestFrame { get; init; }

    /// <summary>True only for <see cref="FaceOutcome.Accepted"/>.</summary>
    public bool Accepted => Outcome == FaceOutcome.Accepted;
}
