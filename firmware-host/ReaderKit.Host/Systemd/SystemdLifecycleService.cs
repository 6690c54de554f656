using Microsoft.Extensions.Hosting;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Status;

namespace ReaderKit.Host.Systemd;

/// <summary>
/// Tells systemd <c>READY=1</c> once every hosted service has started (journal open, options valid, reader loop up),
/// keeps <c>STATUS=</c> current from <see cref="HostHealth"/>, and says <c>STOPPING=1</c> when shutdown begins.
/// </summary>
public sealed class SystemdLifecycleService(SystemdNotifier notifier, IHostApplicationLifetime lifetime, HostHealth health, TapJournal journal) : IHostedService
{
    private CancellationTokenRegistration _started;
    private CancellationTokenRegistration _stopping;

    /// <summary>The status line systemd shows.</summary>
    public string StatusLine()
    {
        var faults = health.Faults;
        var mode = JournalExporter.Word(health.Mode.ToString());
        return faults.Count == 0 ? $"ready, mode {mode}" : $"mode {mode}, fault: {faults[0]}";
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = journal;
        _started = lifetime.ApplicationStarted.Register(() =>
        {
            notifier.Ready(StatusLine());
            health.Changed += OnHealthChanged;
        });
        _stopping = lifetime.ApplicationStopping.Register(() =>
        {
            health.Changed -= OnHealthChanged;
            notifier.Stopping("stopping");
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        _stopping.Dispose();
        return Task.CompletedTask;
    }

    private void OnHealthChanged(object? sender, EventArgs e) => notifier.Status(StatusLine());
}
