using Microsoft.ML.OnnxRuntime;
using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Models;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Matching;

/// <summary>
/// The face pipeline: detect (BlazeFace) → align (dlib chip) → quality gates → per descriptor model: its own crop → embed.
/// Holds one ONNX Runtime session per model; create one per process and dispose it. Calls are serialised internally (one
/// inference at a time).
/// </summary>
public sealed class FaceAnalyzer : IDisposable
{
    private readonly BlazeFaceDetector _detector;
    private readonly FaceEmbedder[] _embedders;
    private readonly FaceMatchOptions _options;
    private readonly FaceQualityAssessor _liveGates;
    private readonly FaceQualityAssessor _enrolmentGates;
    private readonly Lock _gate = new();

    public FaceAnalyzer(FaceModelFiles models, FaceMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        _options = options ?? new FaceMatchOptions();
        using var sessionOptions = CreateSessionOptions(_options.IntraOpThreads);
        if (_options.Descriptors.Count == 0)
        {
            throw new ArgumentException("at least one descriptor model is needed", nameof(options));
        }

        var missing = _options.Descriptors.Select(d => Path.Combine(models.Directory, d.FileName)).Where(f => !File.Exists(f)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new FaceModelsMissingException(
                $"face descriptor models missing: {string.Join(", ", missing)}. Build them with firmware-host/ReaderKit.Face.Models/build-models.sh.");
        }

        _detector = new BlazeFaceDetector(models.Detector, sessionOptions, _options.Detector);
        var embedders = new List<FaceEmbedder>();
        try
        {
            foreach (var descriptor in _options.Descriptors)
            {
                embedders.Add(new FaceEmbedder(Path.Combine(models.Directory, descriptor.FileName), sessionOptions, descriptor));
            }
        }
        catch
        {
            embedders.ForEach(e => e.Dispose());
            _detector.Dispose();
            throw;
        }

        _embedders = [.. embedders];

        _liveGates = new FaceQualityAssessor(_options.LiveQuality);
        _enrolmentGates = new FaceQualityAssessor(_options.EnrolmentQuality);
    }

    public FaceMatchOptions Options => _options;

    /// <summary>
    /// ORT session options used by the pipeline: single intra-op thread by default, full graph optimisation, and no CPU
    /// memory arena or memory pattern. The arena and the pattern keep every session's largest intermediate tensors
    /// allocated for the life of the process (≈ 35 MB resident for the four sessions of a verification) to save an
    /// allocation per node; a reader runs one inference at a time at a few frames a second, and the measured cost of
    /// allocating per run is within the run-to-run noise of the face benchmark (a few per cent at most) —
    /// <c>docs/benchmarks.md</c>, host section.
    /// </summary>
    public static SessionOptions CreateSessionOptions(int intraOpThreads)
    {
        var o = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, intraOpThreads),
            InterOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
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

            var descriptors = new FaceEmbedding[_embedders.Length];
            for (var i = 0; i < _embedders.Length; i++)
            {
                var model = _embedders[i].Model;
                var chip = model.Crop == DescriptorCrop.DlibChip && model.InputSize == ChipTemplate.Dlib.Size
                    ? aligned.Chip
                    : DescriptorAligner.Align(source, face, model).Chip;
                descriptors[i] = _embedders[i].Embed(chip);
            }

            return new FaceAnalysis(quality, detections, face, aligned, descriptors[0]) { Descriptors = descriptors };
        }
    }

    /// <summary>Comparison score of two usable analyses (<see cref="DescriptorFusion.Score"/> over the configured models).</summary>
    public double Score(FaceAnalysis enrolment, FaceAnalysis live)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        ArgumentNullException.ThrowIfNull(live);
        return DescriptorFusion.Score(_options.Descriptors, enrolment.Descriptors, live.Descriptors);
    }

    /// <summary>Embeds an already aligned chip with the first configured model (tests and evaluation).</summary>
    public FaceEmbedding Embed(FaceImage chip)
    {
        lock (_gate)
        {
            return _embedders[0].Embed(chip);
        }
    }

    public void Dispose()
    {
        _detector.Dispose();
        foreach (var embedder in _embedders)
        {
            embedder.Dispose();
        }
    }
}
