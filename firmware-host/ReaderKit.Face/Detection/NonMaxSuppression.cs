namespace ReaderKit.Face.Detection;

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
