using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Status;

namespace ReaderKit.Host.Reader;

/// <summary>
/// Runs the <see cref="ReaderStateMachine"/> for the host's lifetime and forwards mode changes to its event hub. When
/// no <see cref="ITapRunner"/>/<see cref="ICardField"/> is registered (the tap library is not wired into this build),
/// it raises a <c>reader</c> fault (red LED, status, doctor) and runs no loop — so the systemd watchdog, fed only by
/// the loop, is never pinged and systemd reports the unit as failing rather than pretending to be a reader.
/// </summary>
public sealed class ReaderLoopService(IServiceProvider services, HostHealth health, OutageMonitor outage, ReaderEventHub events, TimeProvider time) : BackgroundService
{
    /// <summary>The fault text when nothing runs taps.</summary>
    public const string NotWiredFault = "no tap runner is wired into this host (the reader loop is not running)";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnMode(object? sender, ModeChange change) => events.Publish(new ReaderEvent
        {
            Sequence = events.NextSequence(),
            At = time.GetUtcNow(),
            Kind = ReaderEventKind.ModeChanged,
            State = (services.GetService<ReaderStateMachine>()?.State) ?? ReaderState.Stopped,
            Mode = change.To,
        });

        if (services.GetService<ITapRunner>() is null || services.GetService<ICardField>() is null)
        {
            health.SetFault("reader", NotWiredFault);
            return;
        }

        var machine = services.GetRequiredService<ReaderStateMachine>();
        outage.ModeChanged += OnMode;
        try
        {
            await machine.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            outage.ModeChanged -= OnMode;
        }
    }
}
