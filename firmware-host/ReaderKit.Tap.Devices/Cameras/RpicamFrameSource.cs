using System.ComponentModel;
using System.Diagnostics;
using System.Text;

using ReaderKit.Face.Camera;

namespace ReaderKit.Tap.Devices.Cameras;

/// <summary>Raspberry Pi Camera Module 3 (libcamera) through an <c>rpicam-vid … --codec mjpeg -o -</c> child process.</summary>
public static class RpicamFrameSource
{
    /// <summary>The rpicam-vid argument list for <paramref name="options"/>.</summary>
    public static IReadOnlyList<string> Arguments(RpicamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return
        [
            "-t", "0", "-n", "--codec", "mjpeg",
            "--camera", options.Camera.ToString(inv),
            "--width", options.Width.ToString(inv), "--height", options.Height.ToString(inv),
            "--framerate", options.Framerate.ToString(inv),
            .. options.ExtraArguments,
            "-o", "-",
        ];
    }

    /// <summary>Creates the source (call <see cref="IFrameSource.StartAsync"/> to launch the process).</summary>
    public static ProcessMjpegFrameSource Create(RpicamOptions? options = null, FrameSourceOptions? frameOptions = null)
    {
        options ??= new RpicamOptions();
        return new ProcessMjpegFrameSource(options.Executable, Arguments(options), frameOptions);
    }
}
