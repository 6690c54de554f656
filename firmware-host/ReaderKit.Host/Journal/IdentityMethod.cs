namespace ReaderKit.Host.Journal;

/// <summary>How the holder was tied to the card. Kept as its own column so "matched by the camera" and "checked by a person" never blur.</summary>
public enum IdentityMethod
{
    /// <summary>Not established (the tap ended before, or failed).</summary>
    None = 0,

    /// <summary>The live face matched the verified chip photo, presentation-attack screening passed.</summary>
    FaceMatched = 1,

    /// <summary>Staff compared the verified chip photo with the person by eye and confirmed; their operator id is recorded.</summary>
    ConfirmedVisuallyByStaff = 2,

    /// <summary>The configuration did not require a face check (an attended counter that checks by other means).</summary>
    NotRequired = 3,
}
