using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;

namespace ReaderKit.Face.Tests;

/// <summary>The bake-off descriptor models: crops, normalisation, output shapes, fusion arithmetic.</summary>
public sealed class DescriptorModelTests : IClassFixture<ModelFixture>
{
    private readonly ModelFixture _fx;

    public DescriptorModelTests(ModelFixture fixture) => _fx = fixture;

    [Fact]
    public void Human_box_crop_is_centred_on_the_box_and_1_4_times_its_longer_side()
    {
        var face = new FaceDetection(new FaceBox(100, 50, 80, 100), 0.9f,
            [new(120, 80), new(160, 80), new(140, 100), new(140, 125), new(100, 85), new(180, 85)]);
        var aligned = DescriptorAligner.HumanBox(FaceImage.Filled(400, 300, 10, 20, 30), face, 224);
        Assert.Equal(224, aligned.Chip.Width);
        var centre = aligned.ChipToSource.Apply(new Point2(112, 112));
        Assert.Equal(140, centre.X, 9);
        Assert.Equal(100, centre.Y, 9);
        Assert.Equal(100 * 1.4 / 224, aligned.ChipToSource.Scale, 9);
        Assert.Equal(0, aligned.ChipToSource.RotationRadians, 9);
    }

    [Fact]
    public void Human_box_crop_turns_upright_only_beyond_0_2_radians_of_roll()
    {
        FaceDetection Rolled(double degrees)
        {
            var r = degrees * Math.PI / 180;
            Point2 P(double x, double y) => new(140 + (x * Math.Cos(r)) - (y * Math.Sin(r)), 100 + (x * Math.Sin(r)) + (y * Math.Cos(r)));
            return new FaceDetection(new FaceBox(100, 50, 80, 100), 0.9f, [P(-20, -20), P(20, -20), P(0, 0), P(0, 25), P(-40, -15), P(40, -15)]);
        }

        var image = FaceImage.Filled(400, 300, 0, 0, 0);
        Assert.Equal(0, DescriptorAligner.HumanBox(image, Rolled(10), 112).ChipToSource.RotationRadians, 9);
        Assert.Equal(20 * Math.PI / 180, DescriptorAligner.HumanBox(image, Rolled(20), 112).ChipToSource.RotationRadians, 6);
    }

    [Fact]
    public void ArcFace_template_puts_the_eyes_level_and_symmetric()
    {
        var t = DescriptorAligner.ArcFace112;
        Assert.Equal(112, t.Size);
        Assert.InRange(t.ImageRightEye.Y - t.ImageLeftEye.Y, -0.5, 0.5);
        Assert.InRange(((t.ImageLeftEye.X + t.ImageRightEye.X) / 2) - 56, -0.5, 0.5);
    }

    [Fact]
    public void Faceplugin_input_is_rgb_minus_127_over_128_in_nchw_planes()
    {
        // fr_feature.js: RGB from the canvas, (x − 127) / 128, tensor [1,3,112,112] filled plane by plane.
        var m = DescriptorModel.Faceplugin;
        Assert.Equal((112, false, true), (m.InputSize, m.Bgr, m.ChannelsFirst));
        var chip = FaceImage.Filled(112, 112, 255, 127, 0);
        chip.Rgba[4 * 5] = 63;                                   // pixel 5's red
        var input = new float[3 * 112 * 112];
        FaceEmbedder.Normalise(chip, m, input);
        const int plane = 112 * 112;
        Assert.Equal(1f, input[0]);                              // R plane
        Assert.Equal(1f, input[1]);                              // still R (NHWC would put G here)
        Assert.Equal(-0.5f, input[5]);                           // (63 − 127) / 128
        Assert.Equal(0f, input[plane]);                          // G plane
        Assert.Equal(-127f / 128, input[(2 * plane) + 7]);       // B plane
        Assert.Throws<ArgumentException>(() => FaceEmbedder.Normalise(FaceImage.Filled(150, 150, 0, 0, 0), m, input));

        // The TF.js conversions stay NHWC: dlib gets R, G, B interleaved, 0..255.
        var nhwc = new float[3 * 150 * 150];
        FaceEmbedder.Normalise(FaceImage.Filled(150, 150, 255, 127, 0), DescriptorModel.Dlib, nhwc);
        Assert.Equal([255f, 127f, 0f, 255f], nhwc[..4]);
    }

    [Fact]
    public void Faceplugin_crop_puts_the_eyes_nose_and_mouth_on_the_arcface_112_template()
    {
        // A face whose keypoints are the ArcFace template, doubled and shifted: the chip must map back exactly onto them.
        var t = DescriptorAligner.ArcFace112;
        Point2 Src(Point2 p) => new((2 * p.X) + 100, (2 * p.Y) + 50);
        var face = new FaceDetection(new FaceBox(150, 120, 150, 160), 0.9f,
            [Src(t.ImageLeftEye), Src(t.ImageRightEye), Src(t.NoseTip), Src(t.Mouth), new(150, 170), new(320, 170)]);
        var aligned = DescriptorAligner.Align(FaceImage.Filled(500, 400, 50, 60, 70), face, DescriptorModel.Faceplugin);
        Assert.Equal((112, 112), (aligned.Chip.Width, aligned.Chip.Height));
        foreach (var p in t.Points)
        {
            var back = aligned.ChipToSource.Apply(p);
            Assert.Equal(Src(p).X, back.X, 6);
            Assert.Equal(Src(p).Y, back.Y, 6);
        }

        Assert.Equal(38.2946, t.ImageLeftEye.X, 4);
        Assert.Equal(51.6963, t.ImageLeftEye.Y, 4);
    }

    [Fact]
    public void Dlib_faceplugin_preset_is_an_unweighted_mean_with_thresholds_in_fused_units()
    {
        var preset = FaceMatchOptions.DlibFaceplugin;
        Assert.Equal([DescriptorModel.Dlib, DescriptorModel.Faceplugin], preset.Descriptors);
        Assert.Equal(DescriptorModel.Dlib.FusionWeight, DescriptorModel.Faceplugin.FusionWeight);

        // Cosines one impostor σ above each model's impostor mean fuse to exactly 1.
        var zd = DescriptorModel.Dlib.ImpostorMean + DescriptorModel.Dlib.ImpostorStd;
        var zf = DescriptorModel.Faceplugin.ImpostorMean + DescriptorModel.Faceplugin.ImpostorStd;
        var fused = DescriptorFusion.Score(preset.Descriptors,
            [new FaceEmbedding([1, 0]), new FaceEmbedding([1, 0])],
            [new FaceEmbedding([(float)zd, (float)Math.Sqrt(1 - (zd * zd))]), new FaceEmbedding([(float)zf, (float)Math.Sqrt(1 - (zf * zf))])]);
        Assert.Equal(1, fused, 5);

        var floor = DescriptorFusion.MinimumThreshold(preset.Descriptors);
        Assert.InRange(preset.Threshold, floor, 4.5);
        Assert.InRange(preset.TransactionThreshold, floor, 4.5);
        Assert.Equal(new FaceMatchOptions().Transaction, preset.Transaction);
    }

    [Fact]
    public void Every_model_configuration_is_findable_by_name()
    {
        Assert.Equal(DescriptorModel.All.Count, DescriptorModel.All.Select(m => m.Name).Distinct().Count());
        Assert.Same(DescriptorModel.FaceResHse, DescriptorModel.Find("FACERES-HSE"));
        var e = Assert.Throws<ArgumentException>(() => DescriptorModel.Find("arcface-r100"));
        Assert.Contains("dlib", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fusion_averages_impostor_normalised_cosines()
    {
        var a = new FaceEmbedding([1, 0]);
        var b = new FaceEmbedding([1, 0]);
        var c = new FaceEmbedding([0, 1]);
        IReadOnlyList<DescriptorModel> two = [DescriptorModel.Dlib, DescriptorModel.FaceRes];
        var (wd, wf) = (DescriptorModel.Dlib.FusionWeight, DescriptorModel.FaceRes.FusionWeight);
        var expected = ((wd * (1 - DescriptorModel.Dlib.ImpostorMean) / DescriptorModel.Dlib.ImpostorStd) + (wf * (0 - DescriptorModel.FaceRes.ImpostorMean) / DescriptorModel.FaceRes.ImpostorStd)) / (wd + wf);
        Assert.Equal(expected, DescriptorFusion.Score(two, [a, a], [b, c]), 12);
        Assert.Equal(1, DescriptorFusion.Score([DescriptorModel.Dlib], [a], [b]), 12);
        Assert.Throws<ArgumentException>(() => DescriptorFusion.Score(two, [a], [b]));
    }

    [Theory]
    [InlineData("dlib", 128)]
    [InlineData("dlib-flip", 128)]
    [InlineData("faceres", 1024)]
    [InlineData("faceres-hse", 1024)]
    [InlineData("faceres-deep", 1024)]
    [InlineData("mobileface-arcface", 256)]
    public void Each_model_embeds_its_own_crop_deterministically_and_separates_two_people(string name, int length)
    {
        var (first, again, other) = EmbedTwoPeople(name);
        Assert.Equal(length, first.Vector.Length);
        Assert.Equal(name, first.Model);
        Assert.Equal(1, first.CosineSimilarity(again), 6);
        Assert.True(first.CosineSimilarity(other) < 0.9999, $"{name}: two people score {first.CosineSimilarity(other)}");
    }

    [Theory]
    [InlineData("mobilefacenet")]
    [InlineData("mobilefacenet-arcface")]
    public void Mobilefacenet_as_shipped_maps_different_people_to_almost_the_same_point(string name)
    {
        // Why mobilefacenet is out of the bake-off: its converted graph matches TF.js to 2e-7, yet two different people score
        // above 0.999 with either preprocessing, i.e. the shipped weights/graph have collapsed.
        var (first, _, other) = EmbedTwoPeople(name);
        Assert.Equal(192, first.Vector.Length);
        Assert.True(first.CosineSimilarity(other) > 0.999, $"{name}: two people score {first.CosineSimilarity(other)}");
    }

    private (FaceEmbedding First, FaceEmbedding Again, FaceEmbedding Other) EmbedTwoPeople(string name)
    {
        var model = DescriptorModel.Find(name);
        var folder = FaceModelFiles.Locate().Directory;
        using var options = FaceAnalyzer.CreateSessionOptions(1);
        using var embedder = new FaceEmbedder(Path.Combine(folder, model.FileName), options, model);
        var crops = _fx.FaceCrops(3);
        var faces = crops.Select(c => (Image: c, Face: _fx.Analyzer.Detect(c).OrderByDescending(d => d.Box.Area).First())).Take(2).ToList();
        var first = embedder.Embed(DescriptorAligner.Align(faces[0].Image, faces[0].Face, model).Chip);
        var again = embedder.Embed(DescriptorAligner.Align(faces[0].Image, faces[0].Face, model).Chip);
        var other = embedder.Embed(DescriptorAligner.Align(faces[1].Image, faces[1].Face, model).Chip);
        return (first, again, other);
    }

    [Fact]
    public void A_model_with_the_wrong_input_size_is_refused()
    {
        var folder = FaceModelFiles.Locate().Directory;
        using var options = FaceAnalyzer.CreateSessionOptions(1);
        var wrong = DescriptorModel.Dlib with { Name = "dlib-as-224", InputSize = 224 };
        Assert.Throws<InvalidOperationException>(() => new FaceEmbedder(Path.Combine(folder, wrong.FileName), options, wrong));
    }

    [Fact]
    public void Analyzer_with_two_models_reports_both_descriptors_and_a_fused_score()
    {
        using var analyzer = new FaceAnalyzer(FaceModelFiles.Locate(), new FaceMatchOptions { Descriptors = [DescriptorModel.Dlib, DescriptorModel.FaceResHse] });
        var a = analyzer.Analyze(_fx.FrontalFace, FaceImageRole.Live);
        Assert.True(a.IsUsable, a.Outcome.ToString());
        Assert.Equal(["dlib", "faceres-hse"], a.Descriptors.Select(d => d.Model));
        Assert.Same(a.Embedding, a.Descriptors[0]);
        var self = analyzer.Score(a, a);
        var (wd, wf) = (DescriptorModel.Dlib.FusionWeight, DescriptorModel.FaceResHse.FusionWeight);
        Assert.Equal(((wd * (1 - DescriptorModel.Dlib.ImpostorMean) / DescriptorModel.Dlib.ImpostorStd)
            + (wf * (1 - DescriptorModel.FaceResHse.ImpostorMean) / DescriptorModel.FaceResHse.ImpostorStd)) / (wd + wf), self, 6);
    }

    [Fact]
    public void A_matcher_refuses_a_threshold_in_the_wrong_units()
    {
        // 0.94 is dlib's cosine threshold; on the fused score it would accept far too many impostors.
        using var fused = new FaceAnalyzer(FaceModelFiles.Locate(), new FaceMatchOptions { Threshold = 0.94 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceMatcher(fused));
        using var nan = new FaceAnalyzer(FaceModelFiles.Locate(), new FaceMatchOptions { TransactionThreshold = double.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaceMatcher(nan));
        using var dlib = new FaceAnalyzer(FaceModelFiles.Locate(), new FaceMatchOptions { Descriptors = [DescriptorModel.Dlib], Threshold = 0.94, TransactionThreshold = 0.94 });
        _ = new FaceMatcher(dlib);
        Assert.Equal(0.8565 + (2.33 * 0.0324), DescriptorFusion.MinimumThreshold([DescriptorModel.Dlib]), 9);
        Assert.Equal(2.33, DescriptorFusion.MinimumThreshold(new FaceMatchOptions().Descriptors), 9);
        Assert.True(new FaceMatchOptions().Threshold > DescriptorFusion.MinimumThreshold(new FaceMatchOptions().Descriptors));
    }

    [Fact]
    public void A_transaction_scores_the_usable_frames_of_one_face()
    {
        var matcher = new FaceMatcher(_fx.Analyzer);
        var face = _fx.FrontalFace;
        var enrolment = matcher.Enrol(face.ToGreyscale());
        var live = _fx.Analyzer.Analyze(face, FaceImageRole.Live);
        var blank = _fx.Analyzer.Analyze(TestImages.Gradient(320, 240), FaceImageRole.Live);
        var tx = matcher.ScoreTransaction(enrolment, [live, blank, live, live]);
        Assert.Equal((3, 4, 3), (tx.UsableFrames, tx.Frames, tx.FramesAveraged));
        Assert.True(tx.Matches(_fx.Analyzer.Options.TransactionThreshold), $"score {tx.Score}");
        var tooFew = matcher.ScoreTransaction(enrolment, [live, blank, blank]);
        Assert.Null(tooFew.Score);
        Assert.False(tooFew.Matches(double.MinValue));

        // The per-frame scores behind it: one per frame, in order, null for the unusable one; the transaction averages them.
        var frames = matcher.ScoreFrames(enrolment, [live, blank, live]);
        Assert.Equal(3, frames.Count);
        Assert.Null(frames[1]);
        Assert.Equal(_fx.Analyzer.Score(enrolment, live), frames[0]!.Value, 9);
        Assert.Equal(tx.Score!.Value, frames[0]!.Value, 9);
    }

    [Fact]
    public void Missing_descriptor_file_is_a_typed_error()
    {
        var dir = Directory.CreateTempSubdirectory("readerkit-models-").FullName;
        try
        {
            var located = FaceModelFiles.Locate();
            File.Copy(located.Detector, Path.Combine(dir, FaceModelFiles.DetectorFileName));
            File.Copy(located.Embedder, Path.Combine(dir, FaceModelFiles.EmbedderFileName));
            var e = Assert.Throws<FaceModelsMissingException>(() => new FaceAnalyzer(FaceModelFiles.In(dir), new FaceMatchOptions { Descriptors = [DescriptorModel.FaceRes] }));
            Assert.Contains("faceres.onnx", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
