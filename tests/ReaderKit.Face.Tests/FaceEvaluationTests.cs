using ReaderKit.Face.Evaluation;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Tests;

public sealed class FaceEvaluationTests : IClassFixture<ModelFixture>, IDisposable
{
    private readonly ModelFixture _fx;
    private readonly string _dir = Directory.CreateTempSubdirectory("readerkit-face-eval-").FullName;

    public FaceEvaluationTests(ModelFixture fixture) => _fx = fixture;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void All_pairs_are_counted_and_faceless_images_reported()
    {
        // Three people from one photo (certainly different); two of them also mirrored as a second image of the same identity.
        var crops = _fx.FaceCrops(3);
        Assert.Equal(3, crops.Count);
        for (var p = 0; p < 3; p++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(_dir, $"person{p}")).FullName;
            File.WriteAllBytes(Path.Combine(folder, "a.png"), FaceImageDecoder.EncodePng(crops[p]));
            if (p < 2)
            {
                File.WriteAllBytes(Path.Combine(folder, "b.png"), FaceImageDecoder.EncodePng(crops[p].Mirror()));
            }
        }

        File.WriteAllBytes(Path.Combine(_dir, "person2", "noface.png"), FaceImageDecoder.EncodePng(TestImages.Gradient(320, 240)));

        var r = FaceEvaluation.Run(_dir, _fx.Analyzer, new FaceEvaluationOptions { Jpeg2000Enrolment = true, BootstrapRounds = 50 });
        var usable = r.Images - r.FailedImages;
        Assert.Equal(6, r.Images);
        Assert.True(r.FailedImages >= 1);
        Assert.True(r.FailureOutcomes.ContainsKey(Quality.FaceQualityOutcome.NoFace));
        Assert.Equal(usable * (usable - 1) / 2, r.Report.GenuinePairs + r.Report.ImpostorPairs);
        Assert.Equal(_fx.Analyzer.Options.Threshold, r.Threshold);
        Assert.All(r.GenuineScores, s => Assert.True(s > r.ImpostorScores.Max(), $"genuine {s} vs impostor max {r.ImpostorScores.Max()}"));
        Assert.Equal(0, r.Report.Eer.Value);
    }

    [Fact]
    public void A_folder_without_identities_is_a_typed_error()
    {
        Assert.Throws<FaceEvaluationException>(() => FaceEvaluation.Run(Path.Combine(_dir, "missing"), _fx.Analyzer));
        Directory.CreateDirectory(Path.Combine(_dir, "only-one"));
        Assert.Throws<FaceEvaluationException>(() => FaceEvaluation.Run(_dir, _fx.Analyzer));
    }
}
