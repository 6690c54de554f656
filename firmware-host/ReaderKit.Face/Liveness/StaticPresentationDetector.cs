using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>
/// Rejects presentations with no natural motion: a live face sways, blinks and changes expression slightly; a photo or
/// screen mounted or held perfectly still, or a frozen video, does not. The motion energy is the largest change, over the
/// frames relative to the first one, of (a) the mean absolute difference of the face box averaged to a coarse grid and (b) the keypoint
/// displacement relative to the eye distance. Both below their floors → <see cref="PadFinding.StaticPresentation"/>.
/// A hand-held photo moves and passes this check; the active challenge is what catches it.
/// </summary>
public sealed class StaticPresentationDetector : IPresentationAttackDetector
{
    private readonly StaticPresentationOptions _options;

    public StaticPresentationDetector(StaticPresentationOptions? options = null) => _options = options ?? new StaticPresentationOptions();

    public string Name => "static-frames";

    public ValueTask<PadCheckResult> EvaluateAsync(IReadOnlyList<PadFrame> frames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var withFace = frames.Where(f => f.Face is not null).ToList();
        if (withFace.Count < _options.MinFrames)
        {
            return ValueTask.FromResult(PadCheckResult.Undecided(
                Name, PadFinding.InsufficientFrames, $"{withFace.Count} frames with a face, need {_options.MinFrames}"));
        }

        // Everything is measured against the first frame (on its face box), so slow natural drift accumulates.
        double maxDiff = 0, maxMotion = 0;
        var first = withFace[0].Face!;
        var reference = Sample(withFace[0], first.Box);
        for (var i = 1; i < withFace.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            maxDiff = Math.Max(maxDiff, MeanAbsoluteDifference(reference, Sample(withFace[i], first.Box)));
            maxMotion = Math.Max(maxMotion, KeypointMotion(first, withFace[i].Face!));
        }

        var detail = $"max frame difference {maxDiff:0.00} (floor {_options.MinFrameDifference}), max keypoint motion {maxMotion:0.000} (floor {_options.MinKeypointMotion})";
        var score = Math.Max(maxDiff / _options.MinFrameDifference, maxMotion / _options.MinKeypointMotion);
        return ValueTask.FromResult(score < 1
            ? PadCheckResult.Fail(Name, PadFinding.StaticPresentation, score, detail)
            : PadCheckResult.Pass(Name, score, detail));
    }

    /// <summary>Mean luma of each cell of a <see cref="StaticPresentationOptions.Grid"/>² grid over <paramref name="box"/> (frame coordinates) in <paramref name="frame"/>'s image, which may be a crop of the frame.</summary>
    internal double[] Sample(PadFrame frame, FaceBox box)
    {
        var image = frame.Image;
        int ox = frame.OriginX, oy = frame.OriginY;
        var n = _options.Grid;
        var cells = new double[n * n];
        var counts = new int[n * n];
        var x0 = (int)Math.Floor(Math.Max(ox, box.X));
        var y0 = (int)Math.Floor(Math.Max(oy, box.Y));
        var x1 = (int)Math.Ceiling(Math.Min(ox + image.Width, box.Right));
        var y1 = (int)Math.Ceiling(Math.Min(oy + image.Height, box.Bottom));
        if (x1 <= x0 || y1 <= y0)
        {
            return cells;
        }

        var px = image.Rgba;
        for (var y = y0; y < y1; y++)
        {
            var cy = Math.Min(n - 1, (int)((y - box.Y) / box.Height * n));
            for (var x = x0; x < x1; x++)
            {
                var cx = Math.Min(n - 1, (int)((x - box.X) / box.Width * n));
                var i = (((y - oy) * image.Width) + (x - ox)) * 4;
                var c = (Math.Max(0, cy) * n) + Math.Max(0, cx);
                cells[c] += (0.299 * px[i]) + (0.587 * px[i + 1]) + (0.114 * px[i + 2]);
                counts[c]++;
            }
        }

        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = counts[i] == 0 ? 0 : cells[i] / counts[i];
        }

        return cells;
    }

    private static double MeanAbsoluteDifference(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return sum / a.Length;
    }

    private static double KeypointMotion(FaceDetection a, FaceDetection b)
    {
        var scale = Math.Max(1, (a.EyeDistance + b.EyeDistance) / 2);
        double max = 0;
        for (var k = 0; k < Math.Min(a.Keypoints.Count, b.Keypoints.Count); k++)
        {
            max = Math.Max(max, (a.Keypoints[k] - b.Keypoints[k]).Length / scale);
        }

        return max;
    }
}
