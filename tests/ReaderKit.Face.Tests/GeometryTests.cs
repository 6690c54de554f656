using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Tests;

public class GeometryTests
{
    [Fact]
    public void Anchors_are_896_with_expected_centres_and_order()
    {
        var a = BlazeFaceAnchors.Generate(256);
        Assert.Equal(896, a.Length);
        Assert.Equal(new Point2(8, 8), a[0]);
        Assert.Equal(new Point2(8, 8), a[1]);
        Assert.Equal(new Point2(24, 8), a[2]);
        Assert.Equal(new Point2(8, 24), a[32]);
        Assert.Equal(new Point2(248, 248), a[511]);
        Assert.Equal(new Point2(16, 16), a[512]);
        Assert.Equal(new Point2(16, 16), a[517]);
        Assert.Equal(new Point2(48, 16), a[518]);
        Assert.Equal(new Point2(240, 240), a[895]);
    }

    [Fact]
    public void Decoder_maps_offsets_through_the_letterbox()
    {
        var anchors = BlazeFaceAnchors.Generate();
        var logits = Enumerable.Repeat(-10f, 896).ToArray();
        var regs = new float[896 * 16];
        var idx = 512 + (6 * ((3 * 8) + 4)); // stride-32 cell (4, 3): centre (144, 112)
        logits[idx] = 5f;
        float[] r = [4, -2, 64, 80, -10, -10, 10, -10, 0, 5, 0, 20, -30, 0, 30, 0];
        r.CopyTo(regs, idx * 16);

        // 640x480 frame: scale 0.4, vertical padding 32.
        var lb = LetterboxTransform.For(640, 480, 256);
        var d = Assert.Single(BlazeFaceDecoder.Decode(logits, regs, anchors, lb, new BlazeFaceOptions()));
        Assert.Equal((144 + 4) / 0.4, d.Box.Center.X, 6);
        Assert.Equal((112 - 2 - 32) / 0.4, d.Box.Center.Y, 6);
        Assert.Equal(64 / 0.4, d.Box.Width, 6);
        Assert.Equal(80 / 0.4, d.Box.Height, 6);
        Assert.Equal((144 - 10) / 0.4, d[FaceKeypoint.RightEye].X, 6);
        Assert.Equal((112 + 20 - 32) / 0.4, d[FaceKeypoint.Mouth].Y, 6);
        Assert.True(d.Score > 0.99f);
    }

    [Fact]
    public void Decoder_rejects_mismatched_output_sizes()
    {
        Assert.Throws<ArgumentException>(() =>
            BlazeFaceDecoder.Decode(new float[10], new float[160], BlazeFaceAnchors.Generate(), new LetterboxTransform(1, 0, 0), new BlazeFaceOptions()));
    }

    private static FaceDetection Det(double x, double y, double size, float score) =>
        new(new FaceBox(x, y, size, size), score, Enumerable.Repeat(new Point2(x, y), 6).ToArray());

    [Fact]
    public void Hard_nms_keeps_best_of_overlapping_and_separate_boxes()
    {
        var kept = NonMaxSuppression.Hard([Det(0, 0, 100, 0.8f), Det(5, 5, 100, 0.9f), Det(300, 300, 50, 0.7f)], 0.3);
        Assert.Equal(2, kept.Count);
        Assert.Equal(0.9f, kept[0].Score);
        Assert.Equal(300, kept[1].Box.X);
    }

    [Fact]
    public void Weighted_nms_averages_a_cluster_by_score()
    {
        var kept = NonMaxSuppression.Weighted([Det(0, 0, 100, 0.75f), Det(10, 0, 100, 0.25f), Det(500, 0, 10, 0.6f)], 0.3);
        Assert.Equal(2, kept.Count);
        Assert.Equal(2.5, kept[0].Box.X, 9);
        Assert.Equal(100, kept[0].Box.Width, 9);
        Assert.Equal(0.75f, kept[0].Score);
        Assert.Equal(2.5, kept[0].Keypoints[0].X, 9);
    }

    [Fact]
    public void Iou_of_identical_disjoint_and_half_overlapping_boxes()
    {
        var a = new FaceBox(0, 0, 10, 10);
        Assert.Equal(1, a.IntersectionOverUnion(a), 9);
        Assert.Equal(0, a.IntersectionOverUnion(new FaceBox(20, 20, 5, 5)), 9);
        Assert.Equal(50.0 / 150, a.IntersectionOverUnion(new FaceBox(5, 0, 10, 10)), 9);
    }

    [Fact]
    public void Similarity_transform_recovers_a_known_transform_and_inverts()
    {
        var truth = new SimilarityTransform(1.2 * Math.Cos(0.3), 1.2 * Math.Sin(0.3), 15, -7);
        Point2[] from = [new(10, 20), new(60, 25), new(35, 60), new(34, 90)];
        var to = from.Select(truth.Apply).ToArray();
        var est = SimilarityTransform.Estimate(from, to);
        Assert.Equal(truth.A, est.A, 9);
        Assert.Equal(truth.B, est.B, 9);
        Assert.Equal(truth.Tx, est.Tx, 9);
        Assert.Equal(truth.Ty, est.Ty, 9);
        var back = est.Invert().Apply(est.Apply(new Point2(3, 4)));
        Assert.Equal(3, back.X, 9);
        Assert.Equal(4, back.Y, 9);
    }

    [Fact]
    public void Dlib_template_matches_get_face_chip_details_geometry()
    {
        var t = ChipTemplate.Dlib;
        Assert.Equal(150, t.Size);

        // Eye centres are the means of dlib's mean-face points 36-41 and 42-47, placed with padding 0.25.
        Assert.Equal((0.25 + 0.2254918) / 1.5 * 150, t.ImageLeftEye.X, 3);
        Assert.Equal((0.25 + 0.7547613) / 1.5 * 150, t.ImageRightEye.X, 3);
        Assert.Equal(t.ImageLeftEye.Y, t.ImageRightEye.Y, 9);
        Assert.Equal((0.25 + 0.515625) / 1.5 * 150, t.NoseTip.Y, 6);
        Assert.True(t.Mouth.Y > t.NoseTip.Y);
    }

    [Fact]
    public void Source_points_put_the_image_left_eye_first_even_when_labels_are_swapped()
    {
        Point2[] kp = [new(60, 50), new(40, 50), new(50, 60), new(50, 75), new(30, 50), new(70, 50)];
        var pts = ChipTemplate.SourcePoints(new FaceDetection(new FaceBox(20, 20, 60, 60), 1, kp));
        Assert.Equal(40, pts[0].X);
        Assert.Equal(60, pts[1].X);
    }

    [Fact]
    public void Aligning_a_face_that_already_sits_on_the_template_is_the_identity()
    {
        var t = ChipTemplate.Dlib;
        var kp = new[] { t.ImageLeftEye, t.ImageRightEye, t.NoseTip, t.Mouth, new Point2(0, 0), new Point2(0, 0) };
        var image = TestImages.Gradient(150, 150);
        var aligned = FaceAligner.Align(image, new FaceDetection(new FaceBox(0, 0, 150, 150), 1, kp), t);
        Assert.Equal(1, aligned.ChipToSource.Scale, 6);
        Assert.Equal(image.Rgba[((75 * 150) + 75) * 4], aligned.Chip.Rgba[((75 * 150) + 75) * 4]);
    }
}
