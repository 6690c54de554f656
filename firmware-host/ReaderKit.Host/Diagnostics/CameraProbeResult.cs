namespace ReaderKit.Host.Diagnostics;

/// <summary>What a camera probe found.</summary>
/// <param name="Camera">The camera as configured (e.g. <c>rpicam</c>, <c>v4l2:0</c>).</param>
/// <param name="Frames">Frames received in the probe window.</param>
/// <param name="Width">Frame width, or 0.</param>
/// <param name="Height">Frame height, or 0.</param>
/// <param name="Error">Why no frames came, or null.</param>
public sealed record CameraProbeResult(string Camera, int Frames, int Width, int Height, string? Error)
{
    /// <summary>The fix for this failure when the probe knows a specific one, or null for the general camera advice.</summary>
    public string? Fix { get; init; }
}
