using System.ComponentModel;
using System.Diagnostics;
using System.Text;

using ReaderKit.Face.Camera;

namespace ReaderKit.Tap.Devices.Cameras;

/// <summary>Settings for <see cref="RpicamFrameSource"/>.</summary>
public sealed record RpicamOptions
{
    /// <summary>Program name (the libcamera apps were renamed from libcamera-vid to rpicam-vid).</summary>
    public string Executable { get; init; } = "rpicam-vid";

    public int Width { get; init; } = 640;

    public int Height { get; init; } = 480;

    public int Framerate { get; init; } = 15;

    /// <summary>Camera index for multi-camera Pis.</summary>
    public int Camera { get; init; }

    /// <summary>Extra arguments appended verbatim (e.g. <c>--hflip</c>, <c>--autofocus-mode continuous</c>).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
