namespace ReaderKit.Tap;

/// <summary>What the face step of a tap concluded.</summary>
public enum TapFaceOutcome
{
    /// <summary>The face step did not run (the tap ended before it, or the request turned it off).</summary>
    NotRun,

    /// <summary>No camera was configured: the face was not checked. Never an accept by itself (see <see cref="TapRequest.RequireFace"/>).</summary>
    NotChecked,

    /// <summary>The live face matched the verified chip photo and presentation-attack screening passed.</summary>
    Accepted,

    /// <summary>A usable live face did not match the chip photo.</summary>
    NotMatched,

    /// <summary>A presentation attack (print, screen, replay) was detected.</summary>
    PresentationAttack,

    /// <summary>No usable face in the live frames (or none in the chip photo).</summary>
    NoFace,

    /// <summary>The check ran but could not decide.</summary>
    Inconclusive,
}
