using System.Globalization;
using ReaderKit.Face.Camera;
using ReaderKit.Tap.Devices.Cameras;

namespace ReaderKit.Tap.Devices;

/// <summary>
/// Opens a camera from a spec: <c>rpicam</c> (Pi Camera Module via rpicam-vid MJPEG), <c>v4l2:N</c> (USB UVC webcam on
/// /dev/videoN) or <c>file:DIR</c> (the images in DIR in name order, as the simulator's camera writes them).
/// </summary>
public sealed class CameraFactory : IFrameSourceFactory
{
    private readonly Func<IFrameSource> _open;

    private CameraFactory(string description, Func<IFrameSource> open, bool isReplay = false) => (Description, _open, IsReplay) = (description, open, isReplay);

    public string Description { get; }

    /// <summary>
    /// True for <c>file:DIR</c>: recorded frames that cannot react to a challenge prompt, so only the burst check
    /// (screening and best-frame match) applies; live cameras get the active challenge.
    /// </summary>
    public bool IsReplay { get; }

    /// <summary>Parses a spec (nothing is opened yet).</summary>
    /// <exception cref="ArgumentException">An unknown spec.</exception>
    public static CameraFactory Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        if (spec == "rpicam")
        {
            return new CameraFactory(spec, () => RpicamFrameSource.Create());
        }

        if (spec.StartsWith("v4l2:", StringComparison.Ordinal) && int.TryParse(spec.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var device))
        {
            return new CameraFactory(spec, () => new UvcFrameSource(new UvcOptions { Device = device }));
        }

        if (spec.StartsWith("file:", StringComparison.Ordinal) && spec.Length > 5)
        {
            var directory = spec[5..];
            return new CameraFactory(spec, () => FileSequenceFrameSource.FromDirectory(directory), isReplay: true);
        }

        throw new ArgumentException($"Unknown camera '{spec}': use rpicam, v4l2:N or file:DIR.", nameof(spec));
    }

    public IFrameSource Open() => _open();
}
