using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Landmarks;

/// <summary>Options of <see cref="FaceMeshLandmarker"/>. Defaults follow @vladmandic/human 3.3.6 where it has one (see the README).</summary>
public sealed record FaceMeshOptions
{
    /// <summary>The BlazeFace box is enlarged by this factor around its centre and squared (longer side) before cropping (Human's <c>face.detector.scale</c>).</summary>
    public double BoxScale { get; init; } = 1.4;

    /// <summary>Rotate the crop upright by the eye line (as MediaPipe's own face-landmark graph does) when the roll exceeds <see cref="MinRotationDegrees"/>.</summary>
    public bool RotateUpright { get; init; } = true;

    /// <summary>Roll below this is not corrected (Human's 0.2 rad "large angle" limit ≈ 11.5°).</summary>
    public double MinRotationDegrees { get; init; } = 11.5;

    /// <summary>
    /// Re-crops centred on the mesh's own bounding box (the box Human tracks the next frame with) at most this many times. The
    /// mesh, especially the eyelids, depends strongly on where the crop sits: shifting the detector box by 13 % of its width
    /// changed the eye aspect ratio by 0.38–1.20× with one run and 0.86–1.08× after two refinements (README).
    /// </summary>
    public int MaxRefinements { get; init; } = 2;

    /// <summary>No further refinement once the crop centre moves less than this fraction of the crop side.</summary>
    public double RefineTolerance { get; init; } = 0.02;

    /// <summary>Largest crop side, in source pixels, cut out directly; larger crops are sampled by the supersampling warp instead.</summary>
    public int MaxDirectCropSide { get; init; } = 2048;
}
