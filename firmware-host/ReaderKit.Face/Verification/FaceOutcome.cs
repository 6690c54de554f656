namespace ReaderKit.Face.Verification;

/// <summary>The decision of one <see cref="FaceVerifier.VerifyAsync(Camera.IFrameSource, IChallengePrompter, Task{byte[]}, bool, CancellationToken)"/> attempt. Only <see cref="Accepted"/> accepts.</summary>
public enum FaceOutcome
{
    /// <summary>One tracked, live face completed the challenge and matched the verified chip photo.</summary>
    Accepted,

    /// <summary>The live face passed the presentation-attack checks but did not match the chip photo.</summary>
    NotMatched,

    /// <summary>A presentation-attack check failed (challenge not followed, planar motion, screen pattern, no natural motion, face swapped).</summary>
    PresentationAttack,

    /// <summary>No usable face in front of the camera.</summary>
    NoFace,

    /// <summary>Nothing could be decided (camera unavailable, no verified chip photo, too few usable frames, deadline): retry or fall back.</summary>
    Inconclusive,
}
