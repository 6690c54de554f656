using ReaderKit.Face.Imaging;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Liveness;

/// <summary>
/// Runs the FaceMesh active challenge over a folder of captured frames (JPEG/PNG/WebP, ordinal file-name order = time order):
/// the tool for calibrating <see cref="ActiveChallengeOptions"/> on real kiosk captures of blinks and turns.
/// </summary>
public static class ChallengeReplay
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp"];

    /// <summary>Replays <paramref name="directory"/>; throws <see cref="ChallengeReplayException"/> for an unusable folder.</summary>
    public static async Task<ChallengeReplayResult> RunAsync(
        string directory, FaceAnalyzer analyzer, FaceMeshLandmarker landmarker, IReadOnlyList<ChallengeAction> actions,
        ActiveChallengeOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        if (!Directory.Exists(directory))
        {
            throw new ChallengeReplayException($"folder {directory} does not exist");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new ChallengeReplayException($"folder {directory} holds no .jpg/.png/.webp frames");
        }

        ArgumentNullException.ThrowIfNull(landmarker);
        options ??= new ActiveChallengeOptions();
        var evaluator = new ChallengeSequenceEvaluator(actions, options);
        var frames = new List<ChallengeReplayFrame>(files.Count);
        var measured = new List<ChallengeMeasurement>(files.Count);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            FaceImage image;
            try
            {
                image = FaceImageDecoder.Decode(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
            }
            catch (FaceImageFormatException e)
            {
                frames.Add(new ChallengeReplayFrame(name, "undecodable: " + e.Message, null, double.NaN, 0));
                continue;
            }

            var face = FaceQualityAssessor.Primary(analyzer.Detect(image));
            if (face is null)
            {
                frames.Add(new ChallengeReplayFrame(name, "no face", null, double.NaN, 0));
                continue;
            }

            // Same rule as ActiveChallengeDetector.Measure, keeping the mesh details for the report.
            var mesh = landmarker.Estimate(image, face);
            var confident = mesh.FaceConfidence >= options.MinMeshConfidence;
            var m = confident ? ChallengeMeasurement.From(mesh) : (ChallengeMeasurement?)null;
            frames.Add(new ChallengeReplayFrame(name, confident ? "measured" : "mesh not confident", m, mesh.FaceConfidence, mesh.Runs));
            if (m is { } value)
            {
                measured.Add(value);
            }
        }

        return new ChallengeReplayResult(frames, evaluator.Evaluate(measured));
    }
}
