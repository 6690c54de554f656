using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Evaluation;

/// <summary>
/// All-pairs verification experiment over a folder with one sub-folder per identity — or, when the folder's sub-folders
/// themselves hold identity folders, one such experiment per subset (e.g. <c>glasses/</c>, <c>elderly/</c>) plus the pooled
/// "all" row (pairs are only formed within a subset, so the same person in two sets never counts as an impostor). Every
/// unordered pair of images is compared once: the first image (ordinal path order) is the enrolment side (optionally a
/// simulated chip photo), the second the live side (one frame, or a transaction of simulated frames). Pairs within an identity
/// folder are genuine, across folders impostor. An image whose enrolment or live side yields no usable face (no transaction
/// decision) is counted in <see cref="FaceEvaluationResult.FailedImages"/> and left out of all pairs.
/// </summary>
public static class FaceEvaluation
{
    /// <summary>Name of the pooled row.</summary>
    public const string AllSubsets = "all";

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".jp2"];

    /// <summary>Runs the experiment with <paramref name="analyzer"/>'s options (threshold, colour mode, quality gates, models).</summary>
    public static FaceEvaluationResult Run(string directory, FaceAnalyzer analyzer, FaceEvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        options ??= new FaceEvaluationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TransactionFrames, 1);
        if (!Directory.Exists(directory))
        {
            throw new FaceEvaluationException($"evaluation folder not found: {directory}");
        }

        var models = analyzer.Options.Descriptors;
        var configurations = options.Configurations ?? [models];
        var indices = configurations.Select(c => c.Select(m => IndexOf(models, m)).ToArray()).ToList();
        var rule = options.TransactionFrames == 1 ? TransactionRule.SingleFrame
            : options.Rule with { MinUsableFrames = Math.Min(options.Rule.MinUsableFrames, options.TransactionFrames) };

        var subsets = Layout(directory);
        var failures = new Dictionary<FaceQualityOutcome, int>();
        var samples = new List<Sample>();
        foreach (var (subset, identity, path) in subsets.SelectMany(s => s.Images))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (sample, failure) = Analyse(analyzer, subset, identity, path, options, rule);
            if (failure is { } outcome)
            {
                failures[outcome] = failures.GetValueOrDefault(outcome) + 1;
            }

            samples.Add(sample);
        }

        var rules = options.TransactionFrames == 1 ? [(rule, string.Empty)]
            : options.CompareBestK.Select(k => (rule with { BestK = k }, $" [best {k}]")).Prepend((rule, string.Empty)).ToList();
        var rows = new List<EvaluationRow>();
        for (var c = 0; c < configurations.Count; c++)
        {
            foreach (var (scoring, suffix) in rules)
            {
                var name = string.Join("+", configurations[c].Select(m => m.Name)) + suffix;
                var pooled = new PairScores();
                foreach (var subset in subsets)
                {
                    var inSubset = samples.Where(s => s.Subset == subset.Name).ToList();
                    var scores = Scores(inSubset.Where(s => s.Usable).ToList(), configurations[c], indices[c], scoring);
                    pooled.Add(scores);
                    if (subsets.Count > 1 && scores.Genuine.Count > 0 && scores.Impostor.Count > 0)
                    {
                        rows.Add(Row(subset.Name, name, inSubset, scores, analyzer.Options.Threshold, options.BootstrapRounds));
                    }
                }

                if (pooled.Genuine.Count == 0 || pooled.Impostor.Count == 0)
                {
                    throw new FaceEvaluationException(
                        $"no {(pooled.Genuine.Count == 0 ? "genuine" : "impostor")} pairs: need identities with two or more usable images, and two or more identities");
                }

                rows.Add(Row(AllSubsets, name, samples, pooled, analyzer.Options.Threshold, options.BootstrapRounds));
            }
        }

        var primary = rows.First(r => r.Subset == AllSubsets);
        return new FaceEvaluationResult(
            primary.Report, primary.Identities, primary.Images, primary.FailedImages, failures, analyzer.Options.Threshold, primary.GenuineScores, primary.ImpostorScores)
        {
            Models = configurations[0].Select(m => m.Name).ToList(),
            Rows = rows,
            Subsets = subsets.Select(s => s.Name).ToList(),
            TransactionFrames = options.TransactionFrames,
            Rule = rule,
        };
    }

    /// <summary>
    /// A card-like enrolment photo: a greyscale portrait of <see cref="FaceEvaluationOptions.ChipWidth"/> ×
    /// <see cref="FaceEvaluationOptions.ChipHeight"/> pixels (width 2× the face box, face centre at 45 % of the height, like an
    /// ID photo), JPEG 2000 encoded at the chip ratio with ReaderKit.Jpeg2000 and decoded again.
    /// </summary>
    public static FaceImage SimulateChipPhoto(FaceImage image, FaceDetection face, FaceEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(options);
        var (w, h) = (options.ChipWidth, options.ChipHeight);
        var scale = face.Box.Width * 2 / w;
        var centre = face.Box.Center;
        var toSource = new SimilarityTransform(scale, 0, centre.X - (w / 2.0 * scale), centre.Y - (0.45 * h * scale));
        var portrait = FaceAligner.Warp(image, toSource, Math.Max(w, h)).Crop(new PixelRect(0, 0, w, h));
        return ChipPhotoDecoder.DecodeVerified(ChipPhotoDecoder.EncodeLikeChip(portrait, options.ChipCompressionRatio));
    }

    /// <summary><paramref name="image"/> centred on a mid-grey canvas <paramref name="factor"/>× its size.</summary>
    public static FaceImage OnCanvas(FaceImage image, int factor)
    {
        ArgumentNullException.ThrowIfNull(image);
        var canvas = FaceImage.Filled(image.Width * factor, image.Height * factor, 128, 128, 128);
        var (x0, y0) = ((canvas.Width - image.Width) / 2, (canvas.Height - image.Height) / 2);
        for (var y = 0; y < image.Height; y++)
        {
            Buffer.BlockCopy(image.Rgba, y * image.Width * 4, canvas.Rgba, (((y0 + y) * canvas.Width) + x0) * 4, image.Width * 4);
        }

        return canvas;
    }

    /// <summary>FNV-1a of the file name: the simulated frames must not change between processes (string hashes are randomised).</summary>
    private static int StableHash(string text)
    {
        var h = 2166136261u;
        foreach (var ch in text)
        {
            h = (h ^ ch) * 16777619u;
        }

        return (int)h;
    }

    private static int IndexOf(IReadOnlyList<DescriptorModel> models, DescriptorModel model)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (models[i] == model)
            {
                return i;
            }
        }

        throw new ArgumentException($"configuration uses '{model.Name}', which the analyzer does not run");
    }

    private sealed record Subset(string Name, IReadOnlyList<(string Subset, string Identity, string Path)> Images);

    /// <summary>One image: its enrolment analysis and its live transaction (usable frames' descriptors; null entries = failed frames).</summary>
    private sealed record Sample(string Subset, string Identity, string File, FaceAnalysis? Enrolment, IReadOnlyList<FaceAnalysis?> Frames, bool Usable)
    {
        public string Key => Identity + "/" + File;
    }

    /// <summary>Scores with the image pair behind each.</summary>
    private sealed class PairScores
    {
        public List<double> Genuine { get; } = [];

        public List<double> Impostor { get; } = [];

        public List<ImagePair> GenuineImages { get; } = [];

        public List<ImagePair> ImpostorImages { get; } = [];

        public void Add(PairScores other)
        {
            Genuine.AddRange(other.Genuine);
            Impostor.AddRange(other.Impostor);
            GenuineImages.AddRange(other.GenuineImages);
            ImpostorImages.AddRange(other.ImpostorImages);
        }
    }

    private static List<Subset> Layout(string directory)
    {
        static List<(string Identity, string Path)> Identities(string dir) =>
            Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal)
                .SelectMany(d => Directory.EnumerateFiles(d)
                    .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal)
                    .Select(f => (Identity: Path.GetFileName(d), Path: f)))
                .ToList();

        var direct = Identities(directory);
        var subsets = direct.Count > 0
            ? [new Subset(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), direct.Select(i => (Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), i.Identity, i.Path)).ToList())]
            : Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal)
                .Select(d => new Subset(Path.GetFileName(d), Identities(d).Select(i => (Path.GetFileName(d), i.Identity, i.Path)).ToList()))
                .Where(s => s.Images.Count > 0)
                .ToList();
        if (!subsets.Any(s => s.Images.Select(i => i.Identity).Distinct(StringComparer.Ordinal).Count() >= 2))
        {
            throw new FaceEvaluationException($"{directory} needs at least two identity sub-folders with images (or subsets holding them)");
        }

        return subsets;
    }

    private static (Sample Sample, FaceQualityOutcome? Failure) Analyse(
        FaceAnalyzer analyzer, string subset, string identity, string path, FaceEvaluationOptions options, TransactionRule rule)
    {
        FaceImage image;
        try
        {
            var bytes = File.ReadAllBytes(path);
            image = Path.GetExtension(path).Equals(".jp2", StringComparison.OrdinalIgnoreCase)
                ? ChipPhotoDecoder.DecodeVerified(bytes)
                : FaceImageDecoder.Decode(bytes);
        }
        catch (FaceImageFormatException)
        {
            return (new Sample(subset, identity, Path.GetFileName(path), null, [], false), FaceQualityOutcome.NoFace);
        }

        if (Math.Max(image.Width, image.Height) < options.SmallImageSide)
        {
            image = OnCanvas(image, options.SmallImageCanvas);
        }

        var frames = new FaceAnalysis?[options.TransactionFrames];
        FaceAnalysis? first = null;
        for (var f = 0; f < frames.Length; f++)
        {
            var analysis = analyzer.Analyze(LiveFrameSimulator.Frame(image, f, unchecked((options.Seed * 16777619) ^ StableHash(Path.GetFileName(path)))), FaceImageRole.Live);
            first ??= analysis;
            frames[f] = analysis.IsUsable ? analysis : null;
        }

        var enrolImage = options.Jpeg2000Enrolment && first!.Face is not null ? SimulateChipPhoto(image, first.Face, options) : image;
        var enrol = analyzer.Analyze(enrolImage, FaceImageRole.Enrolment);
        var usableFrames = frames.Count(a => a is not null);
        FaceQualityOutcome? failure = usableFrames < rule.MinUsableFrames
            ? (frames.Length == 1 ? first!.Outcome : first!.IsUsable ? FaceQualityOutcome.NoFace : first.Outcome)
            : !enrol.IsUsable ? enrol.Outcome : null;
        return (new Sample(subset, identity, Path.GetFileName(path), enrol.IsUsable ? enrol : null, frames, failure is null), failure);
    }

    private static PairScores Scores(List<Sample> usable, IReadOnlyList<DescriptorModel> models, int[] indices, TransactionRule rule)
    {
        var result = new PairScores();
        var frameScores = new double?[usable.Count == 0 ? 0 : usable.Max(s => s.Frames.Count)];
        for (var a = 0; a < usable.Count; a++)
        {
            var enrol = indices.Select(i => usable[a].Enrolment!.Descriptors[i]).ToArray();
            for (var b = a + 1; b < usable.Count; b++)
            {
                var frames = usable[b].Frames;
                for (var f = 0; f < frames.Count; f++)
                {
                    frameScores[f] = frames[f] is { } live ? DescriptorFusion.Score(models, enrol, indices.Select(i => live.Descriptors[i]).ToArray()) : null;
                }

                var score = rule.Score(frameScores[..frames.Count]).Score;
                if (score is not { } s)
                {
                    continue;
                }

                var same = string.Equals(usable[a].Identity, usable[b].Identity, StringComparison.Ordinal);
                (same ? result.Genuine : result.Impostor).Add(s);
                (same ? result.GenuineImages : result.ImpostorImages).Add(new ImagePair(usable[a].Key, usable[b].Key));
            }
        }

        return result;
    }

    private static EvaluationRow Row(
        string subset, string configuration, List<Sample> samples, PairScores scores, double threshold, int bootstrapRounds) =>
        new(
            subset,
            configuration,
            VerificationStatistics.Compute(scores.Genuine, scores.Impostor, threshold, bootstrapRounds),
            samples.Select(s => (s.Subset, s.Identity)).Distinct().Count(),
            samples.Count,
            samples.Count(s => !s.Usable),
            scores.Genuine,
            scores.Impostor)
        {
            GenuineImages = scores.GenuineImages,
            ImpostorImages = scores.ImpostorImages,
        };
}
