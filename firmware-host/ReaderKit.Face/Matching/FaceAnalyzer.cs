using Microsoft.ML.OnnxRuntime;
using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Models;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Matching;

/// <summary>Which side of a comparison an image is: it selects the quality gates and colour handling.</summary>
public enum FaceImageRole
{
    /// <summary>The reference photo (the chip photo, greyscale).</summary>
    Enrolment,

    /// <summary>A live camera frame.</summary>
    Live,
}

/// <summary>Everything learned about one image: detections, the chosen face, its chip, the quality decision and the descriptor.</summary>
public sealed record FaceAnalysis(
    FaceQualityReport Quality, IReadOnlyList<FaceDetection> Detections, FaceDetection? Face, AlignedFace? Aligned, FaceEmbedding? Embedding)
{
    public FaceQualityOutcome Outcome => Quality.Outcome;

    public bool IsUsable => Quality.IsAccepted && Embedding is not null;
}

/// <summary>
/// The face pipeline: detect (BlazeFace) → quality gates → align (dlib chip) → embed (dlib ResNet). Holds two ONNX Runtime
/// sessions; create one per process and dispose it. Calls are serialised internally (one inference at a time).
/// </summary>
public sealed class FaceAnalyzer : IDisposable
{
    private readonly BlazeFaceDetector _detector;
    private readonly FaceEmbedder _embedder;
    private readonly FaceMatchOptions _options;
    private readonly FaceQualityAssessor _liveGates;
    private readonly FaceQualityAssessor _enrolmentGates;
    private readonly Lock _gate = new();

    public FaceAnalyzer(FaceModelFiles models, FaceMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        _options = options ?? new FaceMatchOptions();
        using var sessionOptions = CreateSessionOptions(_options.IntraOpThreads);
        _detector = new BlazeFaceDetector(models.Detector, sessionOptions, _options.Detector);
        try
        {
            _embedder = new FaceEmbedder(models.Embedder, sessionOptions);
        }
        catch
        {
            _detector.Dispose();
            throw;
        }

        _liveGates = new FaceQualityAssessor(_options.LiveQuality);
        _enrolmentGates = new FaceQualityAssessor(_options.EnrolmentQuality);
    }

    public FaceMatchOptions Options => _options;

    /// <summary>ORT session options used by the pipeline (single intra-op thread by default, full graph optimisation).</summary>
    public static SessionOptions CreateSessionOptions(int intraOpThreads)
    {
        var o = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, intraOpThreads),
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        return o;
    }

    /// <summary>Detects faces only (for presentation-attack checks on frame sequences).</summary>
    public IReadOnlyList<FaceDetection> Detect(FaceImage image)
    {
        lock (_gate)
        {
            return _detector.Detect(image);
        }
    }

    /// <summary>Runs the whole pipeline on one image.</summary>
    public FaceAnalysis Analyze(FaceImage image, FaceImageRole role)
    {
        ArgumentNullException.ThrowIfNull(image);
        var gates = role == FaceImageRole.Enrolment ? _enrolmentGates : _liveGates;
        lock (_gate)
        {
            var detections = _detector.Detect(image);
            var face = FaceQualityAssessor.Primary(detections);
            if (face is null)
            {
                return new FaceAnalysis(new FaceQualityReport(FaceQualityOutcome.NoFace, null), detections, null, null, null);
            }

            var source = role == FaceImageRole.Live && _options.LiveColour == LiveColourMode.Greyscale ? image.ToGreyscale() : image;
            var aligned = FaceAligner.Align(source, face, ChipTemplate.Dlib);
            var quality = gates.Assess(detections, aligned, ChipTemplate.Dlib);
            if (!quality.IsAccepted)
            {
                return new FaceAnalysis(quality, detections, face, aligned, null);
            }

            return new FaceAnalysis(quality, detections, face, aligned, _embedder.Embed(aligned.Chip));
        }
    }

    /// <summary>Embeds an already aligned chip (tests and evaluation).</summary>
    public FaceEmbedding Embed(FaceImage chip)
    {
        lock (_gate)
        {
            return _embedder.Embed(chip);
        }
    }

    public void Dispose()
    {
        _detector.Dispose();
        _embedder.Dispose();
    }
}
