using ReaderKit.Face.Detection;

namespace ReaderKit.Face.Verification;

/// <summary>What happened to the track in one frame.</summary>
internal enum TrackEvent
{
    /// <summary>The tracked face was found (or the track started).</summary>
    Tracked,

    /// <summary>No face in this frame; the track survives a short gap.</summary>
    Missed,

    /// <summary>No face for too many frames in a row.</summary>
    Lost,

    /// <summary>A face appeared somewhere else while the tracked one is gone (a swap).</summary>
    Jumped,

    /// <summary>A second face of comparable size is in view.</summary>
    SecondFace,
}

/// <summary>
/// One face followed across every frame of an attempt: the detection in the next frame must overlap the last tracked box
/// (IoU, or a centre shift within a fraction of the box width for head turns, at a similar size). A second comparable face,
/// a face appearing elsewhere, or a gap longer than <see cref="MaxGap"/> frames ends the attempt.
/// </summary>
internal sealed class FaceTrack
{
    private const double MinIoU = 0.3;
    private const double MaxCentreShift = 0.5;
    private const double MaxSizeRatio = 1.5;
    private const double SecondFaceSize = 0.4;
    private const double MinScore = 0.6;
    private int _gap;

    public int MaxGap { get; init; } = 2;

    public FaceDetection? Last { get; private set; }

    public TrackEvent Update(IReadOnlyList<FaceDetection> detections)
    {
        var faces = detections.Where(d => d.Score >= MinScore).ToList();
        if (Last is null)
        {
            if (faces.Count == 0)
            {
                return TrackEvent.Missed;
            }

            var primary = faces.MaxBy(f => f.Box.Area)!;
            if (faces.Count(f => !ReferenceEquals(f, primary) && f.Box.Width >= SecondFaceSize * primary.Box.Width) > 0)
            {
                return TrackEvent.SecondFace;
            }

            Last = primary;
            return TrackEvent.Tracked;
        }

        var match = faces.Where(Continues).OrderByDescending(f => f.Box.IntersectionOverUnion(Last.Box)).FirstOrDefault();
        var others = faces.Where(f => !ReferenceEquals(f, match) && f.Box.Width >= SecondFaceSize * Last.Box.Width).ToList();
        if (match is null)
        {
            if (others.Count > 0)
            {
                return TrackEvent.Jumped;
            }

            return ++_gap > MaxGap ? TrackEvent.Lost : TrackEvent.Missed;
        }

        if (others.Count > 0)
        {
            return TrackEvent.SecondFace;
        }

        _gap = 0;
        Last = match;
        return TrackEvent.Tracked;
    }

    private bool Continues(FaceDetection d)
    {
        var last = Last!.Box;
        if (d.Box.IntersectionOverUnion(last) >= MinIoU)
        {
            return true;
        }

        var ratio = d.Box.Width / last.Width;
        return ratio <= MaxSizeRatio && ratio >= 1 / MaxSizeRatio && (d.Box.Center - last.Center).Length <= MaxCentreShift * last.Width;
    }
}
