namespace ReaderKit.Face.Verification;

/// <summary>What the person at the reader is asked to do next. Directions are the subject's own (their left).</summary>
public enum ChallengePrompt
{
    /// <summary>Face the camera (the frontal frames used for matching are captured after this prompt).</summary>
    LookAtCamera,

    /// <summary>Close and reopen both eyes.</summary>
    Blink,

    /// <summary>Turn the head to the subject's own left.</summary>
    TurnLeft,

    /// <summary>Turn the head to the subject's own right.</summary>
    TurnRight,

    /// <summary>Keep still (shown while the result is computed; no frames are needed after it).</summary>
    HoldStill,
}
