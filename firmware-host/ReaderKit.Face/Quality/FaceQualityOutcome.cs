using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Quality;

/// <summary>Outcome of the quality gates; anything but <see cref="Accepted"/> means "do not match, ask for another capture".</summary>
public enum FaceQualityOutcome
{
    /// <summary>Exactly one usable face.</summary>
    Accepted,

    /// <summary>No face detected.</summary>
    NoFace,

    /// <summary>More than one face of comparable size: the reader cannot tell who is being verified.</summary>
    MultipleFaces,

    /// <summary>The face is too small (too far away, or a tiny photo) for a reliable embedding.</summary>
    FaceTooSmall,

    /// <summary>Head turned or tilted beyond the frontal limits.</summary>
    PoseOutOfRange,

    /// <summary>Out of focus or motion-blurred (variance of the Laplacian on the aligned chip too low).</summary>
    TooBlurry,

    /// <summary>Face region too dark.</summary>
    Underexposed,

    /// <summary>Face region too bright or washed out.</summary>
    Overexposed,

    /// <summary>Eyes closed or not visible (low contrast in both eye regions of the aligned chip: closed lids, sunglasses, deep shadow).</summary>
    EyesClosed,
}
