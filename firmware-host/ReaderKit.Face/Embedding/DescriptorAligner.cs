using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Embedding;

/// <summary>Cuts the input chip of a <see cref="DescriptorModel"/> out of an image (see <see cref="DescriptorCrop"/>).</summary>
public static class DescriptorAligner
{
    /// <summary>Human's <c>face.detector.scale</c>: the BlazeFace box is enlarged this much before cropping.</summary>
    public const double HumanBoxScale = 1.4;

    /// <summary>Human's <c>correctFaceRotation</c> rotates only when the roll exceeds this (radians).</summary>
    public const double HumanMinRotation = 0.2;

    /// <summary>InsightFace's 112×112 ArcFace template (left eye, right eye, nose tip, mouth corners → their mean), image coordinates.</summary>
    public static ChipTemplate ArcFace112 { get; } = new(
        112,
        new Point2(38.2946, 51.6963),
        new Point2(73.5318, 51.5014),
        new Point2(56.0252, 71.7366),
        new Point2((41.5493 + 70.7299) / 2, (92.3655 + 92.2041) / 2));

    /// <summary>The chip for <paramref name="model"/>, and where it came from in <paramref name="image"/>.</summary>
    public static AlignedFace Align(FaceImage image, FaceDetection face, DescriptorModel model)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(model);
        return model.Crop switch
        {
            DescriptorCrop.DlibChip => FaceAligner.Align(image, face, ChipTemplate.FromDlibMeanFace(model.InputSize, 0.25)),
            DescriptorCrop.ArcFace => FaceAligner.Align(image, face, model.InputSize == 112 ? ArcFace112 : throw new ArgumentException("ArcFace crop is 112 px", nameof(model))),
            DescriptorCrop.HumanBox => HumanBox(image, face, model.InputSize),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model.Crop, "unknown crop"),
        };
    }

    /// <summary>Human's face tensor: square of 1.4× the box's longer side around its centre, upright when |roll| &gt; 0.2 rad.</summary>
    public static AlignedFace HumanBox(FaceImage image, FaceDetection face, int size)
    {
        ArgumentNullException.ThrowIfNull(face);
        var side = Math.Max(face.Box.Width, face.Box.Height) * HumanBoxScale;
        if (!double.IsFinite(side) || side < 1)
        {
            throw new ArgumentException($"degenerate face box {face.Box}", nameof(face));
        }

        var roll = ImageLeftToRightEyeAngle(face);
        var angle = Math.Abs(roll) > HumanMinRotation ? roll : 0;
        var s = side / size;
        var a = s * Math.Cos(angle);
        var b = s * Math.Sin(angle);
        var c = face.Box.Center;
        var half = size / 2.0;
        var chipToSource = new SimilarityTransform(a, b, c.X - ((a * half) - (b * half)), c.Y - ((b * half) + (a * half)));
        return new AlignedFace(FaceAligner.Warp(image, chipToSource, size), chipToSource);
    }

    /// <summary>Angle of the line from the image-left eye to the image-right eye (0 = level), decided like the dlib chip's eye order.</summary>
    private static double ImageLeftToRightEyeAngle(FaceDetection face)
    {
        var points = ChipTemplate.SourcePoints(face);
        var d = points[1] - points[0];
        return Math.Atan2(d.Y, d.X);
    }
}
