namespace ReaderKit.Host.Reader;

/// <summary>How the holder is to be tied to the card in this tap.</summary>
public enum IdentityCheck
{
    /// <summary>Face match; when it cannot complete (inconclusive, no camera) and staff are present, fall back to a staff visual check.</summary>
    Face,

    /// <summary>The operator chose the visual check: no camera, the verified chip photo is shown to staff.</summary>
    Staff,
}
