using System.Text.Json;
using ReaderKit.Host.Diagnostics;
using ReaderKit.Host.Status;
using ReaderKit.Trust;

namespace ReaderKit.Host.Tools;

/// <summary>
/// <c>readerkit doctor</c>: assembles the checks from the host's settings and whatever hardware probes the caller can
/// supply. A probe that is not available in this build is reported as a WARN line saying it was not checked — never
/// as OK.
/// </summary>
public static class DoctorTool
{
    /// <summary>The face model files the host needs.</summary>
    public static readonly IReadOnlyList<string> ModelFiles = ["blazeface.onnx", "face_recognition.onnx", "facemesh.onnx"];

    /// <summary>The checks, in the order they print.</summary>
    public static IReadOnlyList<IDoctorCheck> Checks(HostSettings settings, IReaderProbe? reader, ICameraProbe? camera, TimeProvider time) =>
        Checks(settings, reader, camera, time, runningHost: null);

    /// <summary>
    /// The checks, in the order they print. With <paramref name="runningHost"/> (the service is running: its status file
    /// is fresh) the device lines report the host's own view and the probes are not run — the service holds the devices.
    /// </summary>
    public static IReadOnlyList<IDoctorCheck> Checks(HostSettings settings, IReaderProbe? reader, ICameraProbe? camera, TimeProvider time, HostStatus? runningHost)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var journal = settings.Journal;
        IDoctorCheck link, field, cam;
        if (runningHost is not null)
        {
            link = new HeldByServiceCheck("reader.link", "the PN532", runningHost, withFaults: true);
            field = new HeldByServiceCheck("reader.field", "the PN532", runningHost, withFaults: false);
            cam = new HeldByServiceCheck("camera", "the camera", runningHost, withFaults: false);
        }
        else
        {
            link = reader is null ? new NotWired("reader.link", "the PN532 probe comes with the tap library's link factory") : new ReaderLinkCheck(reader);
            field = reader is null ? new NotWired("reader.field", "the PN532 probe comes with the tap library's link factory") : new CardFieldCheck(reader);
            cam = camera is null ? new NotWired("camera", "the camera probe comes with the tap library's frame sources") : new CameraCheck(camera);
        }

        return
        [
            link,
            field,
            cam,
            new FaceModelsCheck(settings.Reader.ModelsDirectory, ModelFiles),
            new JournalHealthCheck(journal.Path, journal.KeyFile, journal.RetentionDays, time),
            new TrustCheck(settings.Reader.TrustFile, time, settings.Reader.Simulation.Enabled),
            new ClockSanityCheck(time, () => NewestRecord(journal.Path), ClockSanityCheck.SystemdTimesyncSynchronized),
        ];
    }

    /// <summary>The running host's status when its status file is fresh (the service holds the devices), else null (not running, stale or unreadable).</summary>
    public static HostStatus? RunningHost(string statusFile, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            var status = HostStatusFile.Read(statusFile);
            return status is null || HostStatusFile.IsStale(status, time.GetUtcNow()) ? null : status;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Runs the checks and prints one line each (text or JSON lines); returns 0 all OK, 1 a WARN, 2 a FAIL.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<IDoctorCheck> checks, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = await new Doctor(checks, TimeSpan.FromSeconds(10)).RunAsync(cancellationToken).ConfigureAwait(false);
        foreach (var line in lines)
        {
            if (json)
            {
                using var buffer = new MemoryStream();
                using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    w.WriteStartObject();
                    w.WriteString("name", line.Name);
                    w.WriteString("status", line.StatusWord);
                    w.WriteString("detail", line.Detail);
                    if (line.Fix is null)
                    {
                        w.WriteNull("fix");
                    }
                    else
                    {
                        w.WriteString("fix", line.Fix);
                    }

                    w.WriteEndObject();
                }

                await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync(line.ToString()).ConfigureAwait(false);
            }
        }

        return Doctor.ExitCode(lines);
    }

    private static DateTimeOffset? NewestRecord(string journalPath)
    {
        if (!File.Exists(journalPath))
        {
            return null;
        }

        try
        {
            using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={journalPath};Mode=ReadOnly;Pooling=False");
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT max(started_unix_ms) FROM taps";
            return cmd.ExecuteScalar() is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return null;
        }
    }

    private sealed class NotWired(string name, string why) : IDoctorCheck
    {
        public string Name => name;

        public Task<DoctorLine> RunAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new DoctorLine(name, DoctorStatus.Warn, $"not checked: {why}, which this build does not include", "Use a build with the tap library, or check with `readerkit probe`."));
    }

    private sealed class TrustCheck(string? trustFile, TimeProvider time, bool simulation) : IDoctorCheck
    {
        public string Name => "trust.store";

        public Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
        {
            TrustStore store;
            try
            {
                store = TrustStore.Load(trustFile);
            }
            catch (TrustStoreFormatException e)
            {
                return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail, e.Message, "Fix or remove the file named by Reader:TrustFile."));
            }

            return new TrustStoreCheck(new TrustStoreAnchorSource(store), time, simulation).RunAsync(cancellationToken);
        }
    }
}
