namespace ReaderKit.Face.Detection;

/// <summary>Post-processing options of the BlazeFace detector.</summary>
public sealed record BlazeFaceOptions
{
    /// <summary>Model input side in pixels (the full-range "back" model uses 256).</summary>
    public int InputSize { get; init; } = 256;

    /// <summary>Minimum sigmoid score for a candidate.</summary>
    public float MinScore { get; init; } = 0.5f;

    /// <summary>IoU above which candidates are merged (weighted NMS) or suppressed (ordinary NMS).</summary>
    public float IouThreshold { get; init; } = 0.3f;

    /// <summary>MediaPipe's weighted NMS (score-weighted average of each cluster) instead of ordinary NMS.</summary>
    public bool WeightedNms { get; init; } = true;

    /// <summary>Most detections returned (largest score first).</summary>
    public int MaxDetections { get; init; } = 16;
}

/// <summary>BlazeFace anchors: 16×16 cells × 2 (stride 16) then 8×8 cells × 6 (stride 32), centres in input pixels.</summary>
public static class BlazeFaceAnchors
{
    /// <summary>Anchor count for the 256-px full-range model.</summary>
    public const int Count = 896;

    /// <summary>Generates the anchor centres in the model's output order (row-major cells, anchors per cell innermost).</summary>
    public static Point2[] Generate(int inputSize = 256)
    {
        ReadOnlySpan<(int Stride, int PerCell)> layers = [(16, 2), (32, 6)];
        var anchors = new List<Point2>(Count);
        foreach (var (stride, perCell) in layers)
        {
            var cells = inputSize / stride;
            for (var y = 0; y < cells; y++)
            {
                for (var x = 0; x < cells; x++)
                {
                    for (var k = 0; k < perCell; k++)
                    {
                        anchors.Add(new Point2((x + 0.5) * stride, (y + 0.5) * stride));
                    }
                }
            }
        }

        return [.. anchors];
    }
}

/// <summary>Maps model-input pixels back to source pixels after a centred letterbox.</summary>
public readonly record struct LetterboxTransform(double Scale, double PadX, double PadY)
{
    /// <summary>Vertical scale when it differs from <see cref="Scale"/> by rounding of the resampled size (0: same as Scale).</summary>
    public double ScaleY { get; init; }

    private double EffectiveScaleY => ScaleY > 0 ? ScaleY : Scale;

    /// <summary>Letterbox of a <paramref name="width"/>×<paramref name="height"/> image into a <paramref name="side"/>² square.</summary>
    public static LetterboxTransform For(int width, int height, int side)
    {
        var scale = (double)side / Math.Max(width, height);
        return new LetterboxTransform(scale, (side - (width * scale)) / 2, (side - (height * scale)) / 2);
    }

    public Point2 ToSource(double x, double y) => new((x - PadX) / Scale, (y - PadY) / EffectiveScaleY);

    /// <summary>Converts a model-input height to source pixels.</summary>
    public double HeightToSource(double h) => h / EffectiveScaleY;
}

/// <summary>Decodes BlazeFace raw outputs (logits and 16 regressors per anchor) into detections and runs NMS.</summary>
public static class BlazeFaceDecoder
{
    /// <summary>Values per anchor in the regressor output: box (cx, cy, w, h) then 6 keypoints (x, y).</summary>
    public const int RegressorLength = 16;

    /// <summary>
    /// Decodes <paramref name="logits"/> (one per anchor) and <paramref name="regressors"/> (16 per anchor, offsets in input pixels
    /// relative to the anchor centre) into source-image detections, after NMS.
    /// </summary>
    public static IReadOnlyList<FaceDetection> Decode(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> regressors, IReadOnlyList<Point2> anchors, LetterboxTransform letterbox, BlazeFaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(options);
        if (logits.Length != anchors.Count || regressors.Length != anchors.Count * RegressorLength)
        {
            throw new ArgumentException($"BlazeFace output sizes {logits.Length}/{regressors.Length} do not match {anchors.Count} anchors");
        }

        var candidates = new List<FaceDetection>();
        for (var i = 0; i < anchors.Count; i++)
        {
            var score = Sigmoid(logits[i]);
            if (score < options.MinScore)
            {
                continue;
            }

            var r = regressors.Slice(i * RegressorLength, RegressorLength);
            var a = anchors[i];
            var w = r[2] / letterbox.Scale;
            var h = letterbox.HeightToSource(r[3]);
            if (!(w > 0 && h > 0) || !float.IsFinite(r[0]) || !float.IsFinite(r[1]))
            {
                continue;
            }

            var centre = letterbox.ToSource(a.X + r[0], a.Y + r[1]);
            var keypoints = new Point2[6];
            for (var k = 0; k < 6; k++)
            {
                keypoints[k] = letterbox.ToSource(a.X + r[4 + (2 * k)], a.Y + r[5 + (2 * k)]);
            }

            candidates.Add(new FaceDetection(FaceBox.FromCenter(centre.X, centre.Y, w, h), score, keypoints));
        }

        var kept = options.WeightedNms
            ? NonMaxSuppression.Weighted(candidates, options.IouThreshold)
            : NonMaxSuppression.Hard(candidates, options.IouThreshold);
        return kept.Count > options.MaxDetections ? kept.Take(options.MaxDetections).ToList() : kept;
    }

    internal static float Sigmoid(float logit)
    {
        var x = Math.Clamp(logit, -100f, 100f);
        return 1f / (1f + MathF.Exp(-x));
    }
}

/// <summary>Non-maximum suppression over detections, highest score first.</summary>
public static class NonMaxSuppression
{
    /// <summary>Ordinary NMS: keep the best box, drop every box overlapping it by more than <paramref name="iouThreshold"/>.</summary>
    public static IReadOnlyList<FaceDetection> Hard(IEnumerable<FaceDetection> detections, double iouThreshold)
    {
        var remaining = detections.OrderByDescending(d => d.Score).ToList();
        var kept = new List<FaceDetection>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            kept.Add(best);
            remaining.RemoveAll(d => best.Box.IntersectionOverUnion(d.Box) > iouThreshold);
        }

        return kept;
    }

    /// <summary>
    /// Weighted NMS (MediaPipe): each cluster of boxes overlapping the best by more than <paramref name="iouThreshold"/> is replaced
    /// by its score-weighted mean box and keypoints, keeping the best score.
    /// </summary>
    public static IReadOnlyList<FaceDetection> Weighted(IEnumerable<FaceDetection> detections, double iouThreshold)
    {
        var remaining = detections.OrderByDescending(d => d.Score).ToList();
        var kept = new List<FaceDetection>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            var cluster = remaining.Where(d => best.Box.IntersectionOverUnion(d.Box) > iouThreshold || ReferenceEquals(d, best)).ToList();
            remaining.RemoveAll(cluster.Contains);
            double total = 0, x = 0, y = 0, r = 0, b = 0;
            var kps = new Point2[best.Keypoints.Count];
            foreach (var d in cluster)
            {
                total += d.Score;
                x += d.Box.X * d.Score;
                y += d.Box.Y * d.Score;
                r += d.Box.Right * d.Score;
                b += d.Box.Bottom * d.Score;
                for (var k = 0; k < kps.Length; k++)
                {
                    kps[k] += d.Keypoints[k] * d.Score;
                }
            }

            for (var k = 0; k < kps.Length; k++)
            {
                kps[k] = kps[k] * (1 / total);
            }

            kept.Add(new FaceDetection(new FaceBox(x / total, y / total, (r - x) / total, (b - y) / total), best.Score, kps));
        }

        return kept;
    }
}
