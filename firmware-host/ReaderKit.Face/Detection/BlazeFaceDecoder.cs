namespace ReaderKit.Face.Detection;

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
