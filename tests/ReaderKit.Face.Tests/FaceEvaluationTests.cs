using ReaderKit.Face.Evaluation;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Tests;

/// <summary>
/// The evaluation's bookkeeping on real, distinct faces (different people from the npm demo photos). No genuine pair is made from
/// an image and its mirror: genuine pairs are an exact copy (must score ~1) and a deliberately mislabelled pair of two different
/// people (must score below the threshold), so a mix-up of labels, sides or pairs changes the counted errors.
/// </summary>
public sealed class FaceEvaluationTests : IClassFixture<ModelFixture>, IDisposable
{
    private readonly ModelFixture _fx;
    private readonly string _dir = Directory.CreateTempSubdirectory("readerkit-face-eval-").FullName;

    public FaceEvaluationTests(ModelFixture fixture) => _fx = fixture;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private IReadOnlyList<FaceImage> People(int count)
    {
        // Different people: the usable faces of two group photos (people in one photo are certainly different; the two photos
        // are different scenes).
        var usable = new[] { 3, 6 }.SelectMany(n => _fx.FaceCrops(n)).Where(c => _fx.Analyzer.Analyze(c, FaceImageRole.Live).IsUsable).Take(count).ToList();
        Assert.Equal(count, usable.Count);
        return usable;
    }

    private void Write(string relative, FaceImage image)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, FaceImageDecoder.EncodePng(image));
    }

    [Fact]
    public void Genuine_and_impostor_labels_come_from_the_folders_and_errors_are_counted()
    {
        var p = People(4);
        Write("mislabelled/a.png", p[0]);
        Write("mislabelled/b.png", p[1]);      // a different person filed under the same identity: a false non-match
        Write("copy/a.png", p[2]);
        Write("copy/b.png", p[2]);             // the same pixels twice: a certain match
        Write("single/a.png", p[3]);
        Write("single/noface.png", TestImages.Gradient(320, 240));

        var r = FaceEvaluation.Run(_dir, _fx.Analyzer, new FaceEvaluationOptions { BootstrapRounds = 50 });

        Assert.Equal(6, r.Images);
        Assert.Equal(1, r.FailedImages);
        Assert.Equal(1, r.FailureOutcomes[FaceQualityOutcome.NoFace]);
        Assert.Equal(2, r.Report.GenuinePairs);
        Assert.Equal((5 * 4 / 2) - 2, r.Report.ImpostorPairs);
        Assert.Equal(_fx.Analyzer.Options.Descriptors.Select(d => d.Name), r.Models);
        var genuine = r.GenuineScores.Order().ToArray();
        var copy = _fx.Analyzer.Analyze(p[2], FaceImageRole.Live);
        Assert.True(genuine[0] < r.Threshold, $"mislabelled pair scored {genuine[0]}");
        Assert.Equal(_fx.Analyzer.Score(copy, copy), genuine[1], 6);
        Assert.Equal(0.5, r.Report.AtConfiguredThreshold.Fnmr, 9);
        Assert.Equal(0, r.Report.AtConfiguredThreshold.Fmr);
        Assert.True(r.Report.Eer.Value > 0);
    }

    [Fact]
    public void Subsets_get_their_own_rows_and_never_pair_across()
    {
        var p = People(4);
        Write("setA/x/1.png", p[0]);
        Write("setA/x/2.png", p[0]);
        Write("setA/y/1.png", p[1]);
        Write("setB/z/1.png", p[2]);
        Write("setB/z/2.png", p[2]);
        Write("setB/w/1.png", p[3]);

        var r = FaceEvaluation.Run(_dir, _fx.Analyzer, new FaceEvaluationOptions { BootstrapRounds = 20 });

        Assert.Equal(["setA", "setB"], r.Subsets);
        Assert.Equal(["setA", "setB", FaceEvaluation.AllSubsets], r.Rows.Select(x => x.Subset));
        Assert.All(r.Rows.Take(2), row => Assert.Equal((1, 2), (row.Report.GenuinePairs, row.Report.ImpostorPairs)));

        // Pooled: 2 genuine and 4 impostor pairs; the 9 cross-subset pairs are not formed.
        Assert.Equal((2, 4), (r.Report.GenuinePairs, r.Report.ImpostorPairs));
    }

    [Fact]
    public void Transactions_score_every_pair_once_from_the_best_frames()
    {
        var p = People(3);
        Write("x/1.png", p[0]);
        Write("x/2.png", p[0]);
        Write("y/1.png", p[1]);
        Write("z/1.png", p[2]);

        var single = FaceEvaluation.Run(_dir, _fx.Analyzer, new FaceEvaluationOptions { BootstrapRounds = 20 });
        var transaction = FaceEvaluation.Run(_dir, _fx.Analyzer, new FaceEvaluationOptions { BootstrapRounds = 20, TransactionFrames = 4, Rule = new TransactionRule(2, 2) });

        Assert.Equal((1, 5), (transaction.Report.GenuinePairs, transaction.Report.ImpostorPairs));
        Assert.Equal(4, transaction.TransactionFrames);

        // The genuine pair is the same pixels: frame 0 scores ~1, jittered frames less, so the best-2 mean is below the single frame.
        Assert.True(transaction.GenuineScores[0] < single.GenuineScores[0], $"{transaction.GenuineScores[0]} vs {single.GenuineScores[0]}");
        Assert.True(transaction.GenuineScores[0] > 0.95, $"transaction genuine {transaction.GenuineScores[0]}");

        // Deterministic: the simulated frames depend only on the seed and the file.
        var again = FaceEvaluation.Run(_dir, _fx.Analyzer, new FaceEvaluationOptions { BootstrapRounds = 20, TransactionFrames = 4, Rule = new TransactionRule(2, 2) });
        Assert.Equal(transaction.GenuineScores, again.GenuineScores);
        Assert.Equal(transaction.ImpostorScores, again.ImpostorScores);
    }

    [Fact]
    public void Extra_best_k_rules_score_the_same_transactions_and_every_score_names_its_images()
    {
        var p = People(3);
        Write("x/1.png", p[0]);
        Write("x/2.png", p[0]);
        Write("y/1.png", p[1]);
        Write("z/1.png", p[2]);

        var r = FaceEvaluation.Run(_dir, _fx.Analyzer, new FaceEvaluationOptions
        {
            BootstrapRounds = 20, TransactionFrames = 4, Rule = new TransactionRule(2, 2), CompareBestK = [1, 4],
        });

        var name = string.Join("+", r.Models);
        Assert.Equal([name, name + " [best 1]", name + " [best 4]"], r.Rows.Select(x => x.Configuration));
        Assert.All(r.Rows, row => Assert.Equal((1, 5), (row.Report.GenuinePairs, row.Report.ImpostorPairs)));

        // Same transactions, different means: best 1 ≥ best 2 ≥ best 4 for every pair.
        var (best1, best2, best4) = (r.Rows[1], r.Rows[0], r.Rows[2]);
        Assert.True(best1.GenuineScores[0] >= best2.GenuineScores[0] && best2.GenuineScores[0] >= best4.GenuineScores[0]);
        Assert.True(best1.GenuineScores[0] > best4.GenuineScores[0], "jittered frames score below the exact copy");
        Assert.All(best1.ImpostorScores.Zip(best4.ImpostorScores), s => Assert.True(s.First >= s.Second));

        Assert.Equal([new ImagePair("x/1.png", "x/2.png")], best2.GenuineImages);
        Assert.Equal(5, best2.ImpostorImages.Count);
        Assert.All(best2.ImpostorImages, pair => Assert.NotEqual(pair.Enrolment[..2], pair.Live[..2]));
        Assert.Contains(new ImagePair("y/1.png", "z/1.png"), best2.ImpostorImages);
    }

    [Fact]
    public void Chip_simulation_is_a_240_by_320_grey_jpeg2000_portrait()
    {
        var face = _fx.FrontalFace;
        var detection = _fx.Analyzer.Analyze(face, FaceImageRole.Live).Face!;
        var chip = FaceEvaluation.SimulateChipPhoto(face, detection, new FaceEvaluationOptions());
        Assert.Equal((240, 320), (chip.Width, chip.Height));
        Assert.All(Enumerable.Range(0, chip.Width * chip.Height), i => Assert.True(chip.Rgba[i * 4] == chip.Rgba[(i * 4) + 1] && chip.Rgba[i * 4] == chip.Rgba[(i * 4) + 2]));
        Assert.True(_fx.Analyzer.Analyze(chip, FaceImageRole.Enrolment).IsUsable);
    }

    [Fact]
    public void A_folder_without_identities_is_a_typed_error()
    {
        Assert.Throws<FaceEvaluationException>(() => FaceEvaluation.Run(Path.Combine(_dir, "missing"), _fx.Analyzer));
        Directory.CreateDirectory(Path.Combine(_dir, "only-one"));
        Assert.Throws<FaceEvaluationException>(() => FaceEvaluation.Run(_dir, _fx.Analyzer));
    }
}
