using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;

namespace ReaderKit.Face.Tests;

/// <summary>
/// Loads the converted models and the face-api demo photos (npm <c>@vladmandic/face-api</c> 1.7.15 <c>demo/sample1-6.jpg</c>).
/// Missing models or samples make the tests fail with an explanation; nothing is skipped.
/// Overrides: READERKIT_MODELS (model folder), READERKIT_FACE_SAMPLES (folder with sample1.jpg…).
/// </summary>
public sealed class ModelFixture : IDisposable
{
    private readonly Lazy<FaceAnalyzer> _analyzer;
    private readonly Lazy<FaceImage> _frontal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, FaceImage> _samples = new();

    public ModelFixture()
    {
        _analyzer = new Lazy<FaceAnalyzer>(() => new FaceAnalyzer(FaceModelFiles.Locate()));

        // sample3: three women, the first usable crop is frontal (yaw ≈ −13°).
        _frontal = new Lazy<FaceImage>(() => FaceCrops(3).First(c => Analyzer.Analyze(c, FaceImageRole.Live).IsUsable));
    }

    /// <summary>A frontal, usable 400×400 face crop.</summary>
    public FaceImage FrontalFace => _frontal.Value;

    /// <summary>The pipeline with default options (throws <see cref="FaceModelsMissingException"/> with build instructions).</summary>
    public FaceAnalyzer Analyzer => _analyzer.Value;

    public static string SamplesDirectory
    {
        get
        {
            var overridden = Environment.GetEnvironmentVariable("READERKIT_FACE_SAMPLES");
            if (!string.IsNullOrWhiteSpace(overridden))
            {
                return overridden;
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "firmware-host", "ReaderKit.Face.Models", "npm", "node_modules", "@vladmandic", "face-api", "demo");
                if (File.Exists(Path.Combine(candidate, "sample1.jpg")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException(
                "face-api demo photos not found: run `npm ci` in firmware-host/ReaderKit.Face.Models/npm (CI does this in .ci/setup-deps.sh) " +
                "or set READERKIT_FACE_SAMPLES to a folder holding sample1.jpg … sample6.jpg");
        }
    }

    public FaceImage Sample(int n) => _samples.GetOrAdd(n, k => FaceImageDecoder.Decode(File.ReadAllBytes(Path.Combine(SamplesDirectory, $"sample{k}.jpg"))));

    /// <summary>A square crop of side <paramref name="factor"/>× the face box around each detected face of sample <paramref name="n"/>.</summary>
    public IReadOnlyList<FaceImage> FaceCrops(int n, double factor = 2.2)
    {
        var image = Sample(n);
        return Analyzer.Detect(image).Select(d => Crop(image, d, factor)).ToList();
    }

    public static FaceImage Crop(FaceImage image, FaceDetection d, double factor, int size = 400)
    {
        var side = d.Box.Width * factor;
        var c = d.Box.Center;
        return FaceAligner.Warp(image, new SimilarityTransform(side / size, 0, c.X - (side / 2), c.Y - (side / 2)), size);
    }

    public void Dispose()
    {
        if (_analyzer.IsValueCreated)
        {
            _analyzer.Value.Dispose();
        }
    }
}
