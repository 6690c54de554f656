namespace ReaderKit.Host.Reader;

/// <summary>What the tap's face step concluded (from the tap library's verdict).</summary>
public enum FaceOutcome
{
    /// <summary>The face step did not run (the tap ended earlier, or it was not asked for).</summary>
    NotRun,

    /// <summary>Matched the verified chip photo; presentation-attack screening passed.</summary>
    Matched,

    /// <summary>Did not match.</summary>
    NotMatched,

    /// <summary>A presentation attack was suspected.</summary>
    AttackSuspected,

    /// <summary>Ran but could not decide (no usable face, challenge not completed: a child, a mask, an injury …).</summary>
    Inconclusive,

    /// <summary>Could not run: no camera or no models.</summary>
    NotChecked,
}
