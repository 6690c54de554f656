using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Alignment;

/// <summary>
/// Where the eyes, nose tip and mouth centre of a face land in the embedding model's input chip.
/// <see cref="Dlib"/> reproduces dlib's <c>get_face_chip_details(shape, 150, 0.25)</c>, which the dlib ResNet was trained on:
/// dlib's mean 68-point face shape (unit square, points 17–67) placed as <c>(padding + p) / (1 + 2·padding) · size</c>.
/// BlazeFace gives eye centres, nose tip and mouth centre, so the template uses the means of dlib points 36–41 / 42–47
/// (eyes), point 30 (nose tip) and points 48–67 (mouth).
/// </summary>
public sealed record ChipTemplate(int Size, Point2 ImageLeftEye, Point2 ImageRightEye, Point2 NoseTip, Point2 Mouth)
{
    // dlib mean face shape (dlib/image_transforms/interpolation.h, get_face_chip_details), unit-square coordinates.
    private static readonly double[] ImageLeftEyeX = [0.121737, 0.187122, 0.265825, 0.334606, 0.260918, 0.182743];
    private static readonly double[] ImageLeftEyeY = [0.216423, 0.178758, 0.179852, 0.231733, 0.245099, 0.244077];
    private static readonly double[] ImageRightEyeX = [0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335];
    private static readonly double[] ImageRightEyeY = [0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099];
    private static readonly double[] MouthX =
    [
        0.254149, 0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721, 0.490127,
        0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874, 0.553364, 0.490127, 0.42689,
    ];

    private static readonly double[] MouthY =
    [
        0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805, 0.902192, 0.909281,
        0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746, 0.784792, 0.824182, 0.831803, 0.824182,
    ];

    /// <summary>dlib chip: 150 px, padding 0.25 (face-api / dlib ResNet input).</summary>
    public static ChipTemplate Dlib { get; } = FromDlibMeanFace(150, 0.25);

    /// <summary>Builds the template for any chip size and padding from dlib's mean face.</summary>
    public static ChipTemplate FromDlibMeanFace(int size, double padding)
    {
        Point2 Place(double x, double y) => new((padding + x) / (1 + (2 * padding)) * size, (padding + y) / (1 + (2 * padding)) * size);
        return new ChipTemplate(
            size,
            Place(ImageLeftEyeX.Average(), ImageLeftEyeY.Average()),
            Place(ImageRightEyeX.Average(), ImageRightEyeY.Average()),
            Place(0.490127, 0.515625),
            Place(MouthX.Average(), MouthY.Average()));
    }

    /// <summary>Template points in the order matching <see cref="SourcePoints"/>.</summary>
    public IReadOnlyList<Point2> Points => [ImageLeftEye, ImageRightEye, NoseTip, Mouth];

    /// <summary>
    /// The detection's eye, nose and mouth keypoints in template order. The eye on the image's left goes to the template's
    /// left eye, so mirrored frames align the same way.
    /// </summary>
    public static IReadOnlyList<Point2> SourcePoints(FaceDetection detection)
    {
        ArgumentNullException.ThrowIfNull(detection);
        var a = detection[FaceKeypoint.RightEye];
        var b = detection[FaceKeypoint.LeftEye];

        // Decide which eye is on the image's left in the face's own frame (perpendicular to the eyes-to-mouth direction),
        // so a rolled head does not swap them.
        var eyesMid = Point2.Midpoint(a, b);
        var down = detection[FaceKeypoint.Mouth] - eyesMid;
        var cross = ((b.X - a.X) * down.Y) - ((b.Y - a.Y) * down.X);
        var (left, right) = cross >= 0 ? (a, b) : (b, a);
        return [left, right, detection[FaceKeypoint.NoseTip], detection[FaceKeypoint.Mouth]];
    }
}
