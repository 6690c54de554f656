using System.Globalization;
using ReaderKit.Face.Camera;

namespace ReaderKit.Cli.Reader;

/// <summary>
/// Parses `--camera`: <c>rpicam</c> (Pi Camera Module via rpicam-vid MJPEG), <c>v4l2:N</c> (USB UVC webcam on
/// /dev/videoN), or <c>file:DIR</c> (replay the images in DIR in name order, as the simulator's camera does).
/// </summary>
internal static class CameraSpec
{
    public static IFrameSource Open(string spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        if (spec == "rpicam")
        {
            return RpicamFrameSource.Create();
        }

        if (spec.StartsWith("v4l2:", StringComparison.Ordinal) && int.TryParse(spec.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var device))
        {
            return new UvcFrameSource(new UvcOptions { Device = device });
        }

        if (spec.StartsWith("file:", StringComparison.Ordinal))
        {
            return FileSequenceFrameSource.FromDirectory(spec[5..]);
        }

        throw new ArgumentException($"Unknown --camera '{spec}': use rpicam, v4l2:N or file:DIR.");
    }
}
