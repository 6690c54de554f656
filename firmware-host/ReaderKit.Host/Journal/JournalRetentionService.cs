using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Status;

namespace ReaderKit.Host.Journal;

/// <summary>Purges journal records older than <c>Journal:RetentionDays</c> at start and every <c>Journal:PurgeInterval</c>.</summary>
public sealed partial class JournalRetentionService(TapJournal journal, IOptions<JournalOptions> options, HostHealth health, TimeProvider time, ILogger<JournalRetentionService> log)
    : BackgroundService
{
    /// <summary>Runs one purge now; returns the number of records deleted.</summary>
    public int PurgeNow()
    {
        ArgumentNullException.ThrowIfNull(options);
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        try
        {
            var n = journal.Purge(cutoff);
            health.ClearFault("journal");
            LogPurged(n, options.Value.RetentionDays);
            return n;
        }
        catch (JournalUnavailableException e)
        {
            health.SetFault("journal", e.Message);
            return 0;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                PurgeNow();
                await Task.Delay(options.Value.PurgeInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Journal purge: {Count} records older than {Days} days deleted")]
    private partial void LogPurged(int count, int days);
}
