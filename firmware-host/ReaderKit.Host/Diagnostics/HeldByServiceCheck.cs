using System.Globalization;
using ReaderKit.Host.Status;

namespace ReaderKit.Host.Diagnostics;

/// <summary>
/// A device line (<c>reader.link</c>, <c>reader.field</c>, <c>camera</c>) while the service is running: the service holds
/// the PN532 and the camera, and doctor must not take them from it (a second opener would break a tap in progress). The
/// line reports the running host's own view from its status file instead — its reader state and its faults (WARN when
/// it has any) — and says the device was not opened.
/// </summary>
/// <param name="name">The check's name.</param>
/// <param name="device">The device, for the line (<c>the PN532</c>, <c>the camera</c>).</param>
/// <param name="status">The running host's status (fresh, not stale).</param>
/// <param name="withFaults">True to report the host's faults on this line (the reader line carries them once).</param>
public sealed class HeldByServiceCheck(string name, string device, HostStatus status, bool withFaults) : IDoctorCheck
{
    public string Name => name;

    public Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var view = string.Create(CultureInfo.InvariantCulture, $"the running host (pid {status.ProcessId}) holds {device}: reader {status.ReaderState}; not opened");
        if (withFaults && status.Faults.Count > 0)
        {
            return Task.FromResult(new DoctorLine(name, DoctorStatus.Warn, $"{view}; host fault: {string.Join("; ", status.Faults)}",
                "See `readerkit status` and the service log (journalctl -u readerkit); to probe the device itself, stop the service (sudo systemctl stop readerkit) and run doctor again."));
        }

        return Task.FromResult(new DoctorLine(name, DoctorStatus.Ok, view));
    }
}
