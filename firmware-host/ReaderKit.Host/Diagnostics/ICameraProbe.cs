namespace ReaderKit.Host.Diagnostics;

/// <summary>Opens the configured camera briefly and counts frames.</summary>
public interface ICameraProbe
{
    /// <summary>Probes the camera; failure is a result, not an exception.</summary>
    Task<CameraProbeResult> ProbeAsync(CancellationToken cancellationToken);
}
