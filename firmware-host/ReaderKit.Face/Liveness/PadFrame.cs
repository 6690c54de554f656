using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>
/// One observed camera frame for presentation-attack checks: the image (colour or greyscale, unmirrored) and its detected
/// face (null if none), in frame coordinates. <see cref="Image"/> may be a crop of the frame — a caller that keeps many
/// frames keeps only the region the checks read (the face boxes) — whose top-left pixel is frame pixel
/// (<see cref="OriginX"/>, <see cref="OriginY"/>); the detectors read only pixels inside the face boxes they are given.
/// </summary>
public sealed record PadFrame(FaceImage Image, FaceDetection? Face, DateTimeOffset CapturedAt)
{
    /// <summary>The frame column of <see cref="Image"/>'s first column (0 for a whole frame).</summary>
    public int OriginX { get; init; }

    /// <summary>The frame row of <see cref="Image"/>'s first row (0 for a whole frame).</summary>
    public int OriginY { get; init; }

    /// <summary>
    /// This frame with its image cut down to <paramref name="region"/> (frame coordinates, clipped to the image): what a
    /// check reads inside the region is unchanged, everything outside it is dropped.
    /// </summary>
    /// <remarks>A region that does not overlap the image leaves the frame as it is (no check reads pixels outside the image).</remarks>
    public PadFrame CropTo(PixelRect region)
    {
        var local = new PixelRect(region.X - OriginX, region.Y - OriginY, region.Width, region.Height).Clip(Image.Width, Image.Height);
        if (local.Width <= 0 || local.Height <= 0)
        {
            return this;
        }

        return this with { Image = Image.Crop(local), OriginX = OriginX + local.X, OriginY = OriginY + local.Y };
    }

    /// <summary>The smallest whole-pixel rectangle (frame coordinates) that holds every box of <paramref name="boxes"/>.</summary>
    public static PixelRect Cover(params ReadOnlySpan<FaceBox> boxes)
    {
        if (boxes.IsEmpty)
        {
            throw new ArgumentException("at least one box is needed", nameof(boxes));
        }

        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        foreach (var b in boxes)
        {
            x0 = Math.Min(x0, b.X);
            y0 = Math.Min(y0, b.Y);
            x1 = Math.Max(x1, b.Right);
            y1 = Math.Max(y1, b.Bottom);
        }

        var left = (int)Math.Floor(x0);
        var top = (int)Math.Floor(y0);
        return new PixelRect(left, top, (int)Math.Ceiling(x1) - left, (int)Math.Ceiling(y1) - top);
    }
}
