namespace ReaderKit.Host.Diagnostics;

/// <summary><c>camera</c>: the configured camera delivers frames of a usable size.</summary>
public sealed class CameraCheck(ICameraProbe probe) : IDoctorCheck
{
    public string Name => "camera";

    public async Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
    {
        var r = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        if (r.Frames == 0)
        {
            return new DoctorLine(Name, DoctorStatus.Fail, $"{r.Camera}: no frames ({r.Error ?? "none arrived"})",
                r.Fix ?? "Check the ribbon cable or USB connection, that rpicam-vid / the V4L2 device exists, and that the service user is in the video group.");
        }

        return r.Width < 320 || r.Height < 240
            ? new DoctorLine(Name, DoctorStatus.Warn, $"{r.Camera}: {r.Frames} frame{(r.Frames == 1 ? "" : "s")} at {r.Width}x{r.Height}", "Configure at least 640x480 for reliable face matching.")
            : new DoctorLine(Name, DoctorStatus.Ok, $"{r.Camera}: {r.Frames} frame{(r.Frames == 1 ? "" : "s")} at {r.Width}x{r.Height}");
    }
}
