using Iot.Device.Media;

using ReaderKit.Face.Camera;

namespace ReaderKit.Tap.Devices.Cameras;

/// <summary>Settings for <see cref="UvcFrameSource"/>.</summary>
public sealed record UvcOptions
{
    /// <summary>V4L2 device number (<c>/dev/video{N}</c>).</summary>
    public int Device { get; init; }

    public uint Width { get; init; } = 640;

    public uint Height { get; init; } = 480;
}
