using System.Globalization;
using System.Text.Json;

namespace ReaderKit.Host.Status;

/// <summary>
/// The status hand-over between the running host and <c>readerkit status</c>: a small JSON file replaced atomically
/// (write temp, rename) in the runtime directory (<c>/run/readerkit/status.json</c> by default, mode 0644: it holds no
/// personal data). It is the interim transport; the RPC server's <c>status</c> method is the real one.
/// </summary>
public static class HostStatusFile
{
    /// <summary>A snapshot older than this means the host is not running (it rewrites the file every few seconds).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(15);

    /// <summary>Writes <paramref name="status"/> atomically.</summary>
    public static void Write(string path, HostStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        using (var stream = File.Create(temp))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("deviceId", status.DeviceId);
            w.WriteNumber("processId", status.ProcessId);
            w.WriteString("startedAt", status.StartedAt);
            w.WriteString("updatedAt", status.UpdatedAt);
            w.WriteString("readerState", status.ReaderState);
            w.WriteString("mode", status.Mode);
            if (status.ModeReason is not null)
            {
                w.WriteString("modeReason", status.ModeReason);
            }

            w.WriteBoolean("powerFailed", status.PowerFailed);
            w.WriteString("indicator", status.Indicator);
            w.WriteBoolean("simulation", status.Simulation);
            w.WriteNumber("journalRecords", status.JournalRecords);
            if (status.LastRecordId is not null)
            {
                w.WriteString("lastRecordId", status.LastRecordId);
                w.WriteString("lastVerdict", status.LastVerdict);
                w.WriteString("lastRecordAt", status.LastRecordAt ?? default);
            }

            w.WriteBoolean("watchdog", status.Watchdog);
            w.WriteStartArray("faults");
            foreach (var f in status.Faults)
            {
                w.WriteStringValue(f);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads the file; null when it does not exist.</summary>
    /// <exception cref="FormatException">The file is not a status snapshot.</exception>
    public static HostStatus? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var r = doc.RootElement;
            return new HostStatus
            {
                DeviceId = r.GetProperty("deviceId").GetString()!,
                ProcessId = r.GetProperty("processId").GetInt32(),
                StartedAt = r.GetProperty("startedAt").GetDateTimeOffset(),
                UpdatedAt = r.GetProperty("updatedAt").GetDateTimeOffset(),
                ReaderState = r.GetProperty("readerState").GetString()!,
                Mode = r.GetProperty("mode").GetString()!,
                ModeReason = r.TryGetProperty("modeReason", out var mr) ? mr.GetString() : null,
                PowerFailed = r.GetProperty("powerFailed").GetBoolean(),
                Indicator = r.GetProperty("indicator").GetString()!,
                Simulation = r.GetProperty("simulation").GetBoolean(),
                JournalRecords = r.GetProperty("journalRecords").GetInt64(),
                LastRecordId = r.TryGetProperty("lastRecordId", out var id) ? id.GetString() : null,
                LastVerdict = r.TryGetProperty("lastVerdict", out var v) ? v.GetString() : null,
                LastRecordAt = r.TryGetProperty("lastRecordAt", out var at) ? at.GetDateTimeOffset() : null,
                Watchdog = r.GetProperty("watchdog").GetBoolean(),
                Faults = [.. r.GetProperty("faults").EnumerateArray().Select(f => f.GetString()!)],
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"{path} is not a ReaderKit status file ({e.GetType().Name}).", e);
        }
    }

    /// <summary>True when the snapshot is too old to describe a running host.</summary>
    public static bool IsStale(HostStatus status, DateTimeOffset now) => now - (status ?? throw new ArgumentNullException(nameof(status))).UpdatedAt > StaleAfter;
}
