using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Evaluation;

/// <summary>Settings of a <see cref="FaceEvaluation"/> run.</summary>
public sealed record FaceEvaluationOptions
{
    /// <summary>Round-trip the enrolment side through a greyscale JPEG 2000 portrait of chip-like size and compression.</summary>
    public bool Jpeg2000Enrolment { get; init; }

    /// <summary>Side of the simulated chip portrait, pixels.</summary>
    public int ChipPortraitSize { get; init; } = 300;

    /// <summary>JPEG 2000 compression ratio of the simulated chip photo (30:1 gives ~11 KB at 300×300 grey).</summary>
    public float ChipCompressionRatio { get; init; } = 30f;

    /// <summary>Bootstrap resamples for the confidence intervals.</summary>
    public int BootstrapRounds { get; init; } = 1000;
}

/// <summary>Result of an evaluation run.</summary>
public sealed record FaceEvaluationResult(
    VerificationReport Report,
    int Identities,
    int Images,
    int FailedImages,
    IReadOnlyDictionary<FaceQualityOutcome, int> FailureOutcomes,
    double Threshold,
    IReadOnlyList<double> GenuineScores,
    IReadOnlyList<double> ImpostorScores);

/// <summary>Thrown when an evaluation folder is unusable (missing, no identities, or no genuine/impostor pairs).</summary>
public sealed class FaceEvaluationException : Exception
{
    public FaceEvaluationException(string message)
        : base(message)
    {
    }

    public FaceEvaluationException()
    {
    }

    public FaceEvaluationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// All-pairs verification experiment over a folder with one sub-folder per identity. Every unordered pair of images is
/// compared once: the first image (ordinal path order) is the enrolment side, the second the live side. Pairs within a
/// folder are genuine, across folders impostor. An image whose enrolment or live analysis yields no usable face is counted
/// in <see cref="FaceEvaluationResult.FailedImages"/> and left out of all pairs.
/// </summary>
public static class FaceEvaluation
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".webp", ".jp2"];

    /// <summary>Runs the experiment with <paramref name="analyzer"/>'s options (threshold, colour mode, quality gates).</summary>
    public static FaceEvaluationResult Run(string directory, FaceAnalyzer analyzer, FaceEvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        options ??= new FaceEvaluationOptions();
        if (!Directory.Exists(directory))
        {
            throw new FaceEvaluationException($"evaluation folder not found: {directory}");
        }

        var images = Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal)
            .SelectMany(d => Directory.EnumerateFiles(d)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal)
                .Select(f => (Identity: Path.GetFileName(d), Path: f)))
            .ToList();
        var identities = images.Select(i => i.Identity).Distinct(StringComparer.Ordinal).Count();
        if (identities < 2)
        {
            throw new FaceEvaluationException($"{directory} needs at least two identity sub-folders with images");
        }

        var failures = new Dictionary<FaceQualityOutcome, int>();
        var usable = new List<(string Identity, FaceEmbedding Enrolment, FaceEmbedding Live)>();
        foreach (var (identity, path) in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
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
                failures[FaceQualityOutcome.NoFace] = failures.GetValueOrDefault(FaceQualityOutcome.NoFace) + 1;
                continue;
            }

            var live = analyzer.Analyze(image, FaceImageRole.Live);
            var enrolImage = options.Jpeg2000Enrolment && live.Face is not null ? SimulateChipPhoto(image, live.Face, options) : image;
            var enrol = analyzer.Analyze(enrolImage, FaceImageRole.Enrolment);
            var failed = !live.IsUsable ? live.Outcome : !enrol.IsUsable ? enrol.Outcome : (FaceQualityOutcome?)null;
            if (failed is { } outcome)
            {
                failures[outcome] = failures.GetValueOrDefault(outcome) + 1;
                continue;
            }

            usable.Add((identity, enrol.Embedding!, live.Embedding!));
        }

        var genuine = new List<double>();
        var impostor = new List<double>();
        for (var a = 0; a < usable.Count; a++)
        {
            for (var b = a + 1; b < usable.Count; b++)
            {
                var score = usable[a].Enrolment.CosineSimilarity(usable[b].Live);
                (string.Equals(usable[a].Identity, usable[b].Identity, StringComparison.Ordinal) ? genuine : impostor).Add(score);
            }
        }

        if (genuine.Count == 0 || impostor.Count == 0)
        {
            throw new FaceEvaluationException(
                $"no {(genuine.Count == 0 ? "genuine" : "impostor")} pairs: need identities with two or more usable images, and two or more identities");
        }

        var threshold = analyzer.Options.Threshold;
        var report = VerificationStatistics.Compute(genuine, impostor, threshold, options.BootstrapRounds);
        return new FaceEvaluationResult(report, identities, images.Count, images.Count - usable.Count, failures, threshold, genuine, impostor);
    }

    /// <summary>
    /// A chip-like enrolment photo: a square greyscale portrait (face box ×2 around the face centre) of
    /// <see cref="FaceEvaluationOptions.ChipPortraitSize"/> pixels, JPEG 2000 encoded at the chip ratio and decoded again.
    /// </summary>
    public static FaceImage SimulateChipPhoto(FaceImage image, FaceDetection face, FaceEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(options);
        var size = options.ChipPortraitSize;
        var side = face.Box.Width * 2;
        var scale = side / size;
        var centre = face.Box.Center;
        var toSource = new SimilarityTransform(scale, 0, centre.X - (side / 2), centre.Y - (side / 2));
        var portrait = FaceAligner.Warp(image, toSource, size);
        return ChipPhotoDecoder.DecodeVerified(ChipPhotoDecoder.EncodeLikeChip(portrait, options.ChipCompressionRatio));
    }
}
