using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Systemd;

namespace ReaderKit.Host.Status;

/// <summary>Rewrites the status file every few seconds and on every health change (see <see cref="HostStatusFile"/>).</summary>
public sealed partial class HostStatusWriter(
    IOptions<ReaderOptions> options, HostHealth health, TapJournal journal, WatchdogHeartbeat watchdog, IReaderStateSource readerState, TimeProvider time, ILogger<HostStatusWriter> log)
    : BackgroundService
{
    /// <summary>How often the file is refreshed (well inside <see cref="HostStatusFile.StaleAfter"/>).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly DateTimeOffset _started = time.GetUtcNow();
    private bool _warned;

    /// <summary>The snapshot as it would be written now.</summary>
    public HostStatus Snapshot()
    {
        ArgumentNullException.ThrowIfNull(options);
        var latest = journal.Latest();
        return new HostStatus
        {
            DeviceId = options.Value.DeviceId,
            ProcessId = Environment.ProcessId,
            StartedAt = _started,
            UpdatedAt = time.GetUtcNow(),
            ReaderState = readerState.StateName,
            Mode = JournalExporter.Word(health.Mode.ToString()),
            ModeReason = health.LastModeChange?.Reason,
            PowerFailed = health.PowerFailed,
            Indicator = JournalExporter.Word(health.Color.ToString()),
            Simulation = options.Value.Simulation.Enabled,
            JournalRecords = journal.Count(),
            LastRecordId = latest?.Id.ToString(),
            LastVerdict = latest is null ? null : JournalExporter.Word(latest.Verdict.ToString()),
            LastRecordAt = latest?.StartedAt,
            Watchdog = watchdog.Enabled,
            Faults = health.Faults,
        };
    }

    /// <summary>Writes the file now; a failure is logged once and retried next time (status is advisory).</summary>
    public void WriteNow()
    {
        try
        {
            HostStatusFile.Write(options.Value.StatusFile, Snapshot());
            _warned = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JournalUnavailableException)
        {
            if (!_warned)
            {
                LogWriteFailed(options.Value.StatusFile, e.Message);
                _warned = true;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnChanged(object? s, EventArgs e) => WriteNow();
        health.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                WriteNow();
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            health.Changed -= OnChanged;
            TryDelete(options.Value.StatusFile);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Cannot write the status file {Path}: {Reason}")]
    private partial void LogWriteFailed(string path, string reason);
}
