using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Quality;

/// <summary>Applies the quality gates in a fixed order: count, size, pose, exposure, blur, eyes.</summary>
public sealed class FaceQualityAssessor
{
    private readonly FaceQualityOptions _options;

    public FaceQualityAssessor(FaceQualityOptions? options = null) => _options = options ?? new FaceQualityOptions();

    /// <summary>Picks the face to verify: the largest detection, or null.</summary>
    public static FaceDetection? Primary(IReadOnlyList<FaceDetection> detections) =>
        detections.Count == 0 ? null : detections.MaxBy(d => d.Box.Width);

    /// <summary>Counts faces of comparable size to the largest.</summary>
    public int CountRelevantFaces(IReadOnlyList<FaceDetection> detections)
    {
        ArgumentNullException.ThrowIfNull(detections);
        if (detections.Count == 0)
        {
            return 0;
        }

        var largest = detections.Max(d => d.Box.Width);
        return detections.Count(d => d.Box.Width >= largest * _options.SecondFaceRelativeSize);
    }

    /// <summary>Gates that need only the detections (count, size, pose); null when they pass.</summary>
    public FaceQualityOutcome? PreAlignment(IReadOnlyList<FaceDetection> detections)
    {
        var primary = Primary(detections);
        if (primary is null)
        {
            return FaceQualityOutcome.NoFace;
        }

        if (CountRelevantFaces(detections) > 1)
        {
            return FaceQualityOutcome.MultipleFaces;
        }

        if (primary.EyeDistance < _options.MinEyeDistancePixels)
        {
            return FaceQualityOutcome.FaceTooSmall;
        }

        var pose = HeadPose.From(primary);
        return Math.Abs(pose.YawDegrees) > _options.MaxYawDegrees || Math.Abs(pose.RollDegrees) > _options.MaxRollDegrees
            ? FaceQualityOutcome.PoseOutOfRange
            : null;
    }

    /// <summary>Full assessment of the primary face given its aligned chip.</summary>
    public FaceQualityReport Assess(IReadOnlyList<FaceDetection> detections, AlignedFace? aligned, ChipTemplate template)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(template);
        var primary = Primary(detections);
        if (primary is null || aligned is null)
        {
            return new FaceQualityReport(FaceQualityOutcome.NoFace, null);
        }

        var metrics = Measure(detections.Count, primary, aligned.Chip, template);
        var early = PreAlignment(detections);
        if (early is { } outcome)
        {
            return new FaceQualityReport(outcome, metrics);
        }

        if (metrics.MeanLuma < _options.MinMeanLuma)
        {
            return new FaceQualityReport(FaceQualityOutcome.Underexposed, metrics);
        }

        if (metrics.MeanLuma > _options.MaxMeanLuma || metrics.ClippedFraction > _options.MaxClippedFraction)
        {
            return new FaceQualityReport(metrics.MeanLuma < 128 ? FaceQualityOutcome.Underexposed : FaceQualityOutcome.Overexposed, metrics);
        }

        if (metrics.Sharpness < _options.MinSharpness)
        {
            return new FaceQualityReport(FaceQualityOutcome.TooBlurry, metrics);
        }

        if (_options.MinEyeOpenness > 0 && metrics.EyeOpenness < _options.MinEyeOpenness)
        {
            return new FaceQualityReport(FaceQualityOutcome.EyesClosed, metrics);
        }

        return new FaceQualityReport(FaceQualityOutcome.Accepted, metrics);
    }

    /// <summary>Measures pose, blur, exposure and eye openness on the chip.</summary>
    public static FaceQualityMetrics Measure(int facesFound, FaceDetection face, FaceImage chip, ChipTemplate template)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(template);
        var luma = chip.ToLuma();
        var s = chip.Width;

        // Central face region: between the eyes' outer edges and from the brows to the mouth.
        var x0 = (int)(template.ImageLeftEye.X - (0.06 * s));
        var x1 = (int)(template.ImageRightEye.X + (0.06 * s));
        var y0 = (int)(template.ImageLeftEye.Y - (0.08 * s));
        var y1 = (int)(template.Mouth.Y + (0.04 * s));
        var sharpness = ImageMetrics.LaplacianVariance(luma, s, x0, y0, x1, y1);
        var (mean, clipped) = ImageMetrics.Exposure(luma, s, x0, y0, x1, y1);
        var openness = EyeOpenness(luma, s, template);
        return new FaceQualityMetrics(facesFound, face.EyeDistance, HeadPose.From(face), sharpness, mean, clipped, openness);
    }

    /// <summary>
    /// Mean 10–90 percentile luma spread of the two eye regions divided by that of the whole central face: open eyes (dark
    /// iris, bright sclera) give high contrast, closed lids low. A heuristic; see the README for how it was calibrated.
    /// </summary>
    public static double EyeOpenness(ReadOnlySpan<byte> chipLuma, int size, ChipTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var hw = (int)(0.06 * size);
        var hh = (int)(0.03 * size);
        var l = template.ImageLeftEye;
        var r = template.ImageRightEye;
        var leftSpread = ImageMetrics.PercentileSpread(chipLuma, size, (int)l.X - hw, (int)l.Y - hh, (int)l.X + hw, (int)l.Y + hh);
        var rightSpread = ImageMetrics.PercentileSpread(chipLuma, size, (int)r.X - hw, (int)r.Y - hh, (int)r.X + hw, (int)r.Y + hh);
        var face = ImageMetrics.PercentileSpread(
            chipLuma, size, (int)template.ImageLeftEye.X, (int)template.ImageLeftEye.Y, (int)template.ImageRightEye.X, (int)template.Mouth.Y);
        var eyes = (leftSpread + rightSpread) / 2;
        return eyes / Math.Max(face, 8);
    }
}
