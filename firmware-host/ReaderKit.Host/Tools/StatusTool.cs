using System.Globalization;
using ReaderKit.Host.Status;

namespace ReaderKit.Host.Tools;

/// <summary><c>readerkit status</c>: reads the running host's status file (see <see cref="HostStatusFile"/>).</summary>
public static class StatusTool
{
    /// <summary>Prints the status; exit 0 running and healthy, 1 running with faults, 3 not running (no file, stale file, dead process).</summary>
    public static int Run(string statusFile, bool json, TextWriter output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        HostStatus? status;
        try
        {
            status = HostStatusFile.Read(statusFile);
        }
        catch (FormatException e)
        {
            output.WriteLine("status: " + e.Message);
            return ToolExitCodes.Unavailable;
        }

        if (status is null)
        {
            output.WriteLine($"status: the host is not running (no {statusFile}); start it with: systemctl start readerkit");
            return ToolExitCodes.Unavailable;
        }

        var now = time.GetUtcNow();
        if (HostStatusFile.IsStale(status, now))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"status: the host is not running (last status {(now - status.UpdatedAt).TotalSeconds:0} s old, pid {status.ProcessId})"));
            return ToolExitCodes.Unavailable;
        }

        if (json)
        {
            output.WriteLine(File.ReadAllText(statusFile).Trim());
        }
        else
        {
            output.WriteLine($"device:    {status.DeviceId}{(status.Simulation ? " (simulation)" : "")}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"running:   pid {status.ProcessId} since {status.StartedAt:yyyy-MM-dd HH:mm:ss}Z"));
            output.WriteLine($"reader:    {status.ReaderState}");
            output.WriteLine($"mode:      {status.Mode}{(status.ModeReason is null ? "" : $" ({status.ModeReason})")}{(status.PowerFailed ? ", UPS on battery" : "")}");
            output.WriteLine($"indicator: {status.Indicator}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"journal:   {status.JournalRecords} record(s){(status.LastRecordId is null ? "" : $", last {status.LastRecordId} {status.LastVerdict} at {status.LastRecordAt:yyyy-MM-dd HH:mm:ss}Z")}"));
            output.WriteLine($"watchdog:  {(status.Watchdog ? "armed" : "off")}");
            foreach (var fault in status.Faults)
            {
                output.WriteLine("FAULT      " + fault);
            }
        }

        return status.Faults.Count == 0 ? ToolExitCodes.Ok : ToolExitCodes.Warning;
    }
}
