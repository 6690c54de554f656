using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Status;

namespace ReaderKit.Host.Outage;

/// <summary>
/// Runs the reachability probe every <c>Outage:ProbeInterval</c> and watches the UPS power-fail input (an edge is
/// re-read after <c>Outage:PowerFailDebounce</c> and counts only if the level held), feeds both into
/// <see cref="ConnectivityMonitor"/>, and for every mode change: journals it, updates <see cref="HostHealth"/> (LED),
/// logs it and raises <see cref="ModeChanged"/>.
/// </summary>
public sealed partial class OutageMonitor : BackgroundService
{
    private readonly OutageOptions _options;
    private readonly IReachabilityProbe? _probe;
    private readonly PowerFailInput _power;
    private readonly TapJournal _journal;
    private readonly HostHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger<OutageMonitor> _log;
    private readonly ConnectivityMonitor _monitor;
    private readonly Lock _gate = new();
    private int _edgeGeneration;

    public OutageMonitor(IOptions<OutageOptions> options, IReachabilityProbe? probe, PowerFailInput power, TapJournal journal, HostHealth health, TimeProvider time, ILogger<OutageMonitor> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _probe = probe;
        _power = power;
        _journal = journal;
        _health = health;
        _time = time;
        _log = log;
        _monitor = new ConnectivityMonitor(_options.FailuresToOffline, _options.SuccessesToOnline);
    }

    /// <summary>Raised after each mode change has been journaled.</summary>
    public event EventHandler<ModeChange>? ModeChanged;

    /// <summary>The current mode.</summary>
    public OperatingMode Mode
    {
        get
        {
            lock (_gate)
            {
                return _monitor.Mode;
            }
        }
    }

    /// <summary>Runs one probe and applies it (the loop's body; tests call it directly).</summary>
    public async Task ProbeOnceAsync(CancellationToken cancellationToken)
    {
        if (_probe is null)
        {
            return;
        }

        var result = await _probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
        LogProbe(_probe.Target, result.Reachable, result.Detail);
        ModeChange? change;
        lock (_gate)
        {
            change = _monitor.ObserveProbe(result.Reachable, _time.GetUtcNow());
        }

        Apply(change);
    }

    /// <summary>Reads the power-fail input now and applies it without debouncing (start-up and tests).</summary>
    public void SamplePower()
    {
        if (!_power.Configured)
        {
            return;
        }

        var failed = _power.IsPowerFailed;
        ModeChange? change;
        lock (_gate)
        {
            change = _monitor.ObservePower(failed, _time.GetUtcNow());
        }

        Apply(change);
    }

    /// <summary>Handles a raw edge: waits the debounce time, then applies the level only if it still differs from the debounced one.</summary>
    public async Task OnPowerEdgeAsync(CancellationToken cancellationToken)
    {
        var generation = Interlocked.Increment(ref _edgeGeneration);
        var seen = _power.IsPowerFailed;
        if (_options.PowerFailDebounce > TimeSpan.Zero)
        {
            await Task.Delay(_options.PowerFailDebounce, _time, cancellationToken).ConfigureAwait(false);
        }

        // A newer edge restarts the debounce; only the last one decides.
        if (generation != Volatile.Read(ref _edgeGeneration) || _power.IsPowerFailed != seen)
        {
            return;
        }

        ModeChange? change;
        lock (_gate)
        {
            change = _monitor.ObservePower(seen, _time.GetUtcNow());
        }

        Apply(change);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnEdge(object? sender, EventArgs e) => _ = OnPowerEdgeSafeAsync(stoppingToken);
        if (_power.Configured)
        {
            _power.Start();
            _power.Edge += OnEdge;
            SamplePower();
        }

        try
        {
            if (_probe is null)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, stoppingToken).ConfigureAwait(false);
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                await ProbeOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(_options.ProbeInterval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _power.Edge -= OnEdge;
        }
    }

    private async Task OnPowerEdgeSafeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OnPowerEdgeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Apply(ModeChange? change)
    {
        if (change is null)
        {
            return;
        }

        try
        {
            _journal.RecordModeChange(change);
            _health.ClearFault("journal");
        }
        catch (JournalUnavailableException e)
        {
            _health.SetFault("journal", e.Message);
        }

        _health.SetMode(change, _monitor.PowerFailed);
        LogModeChange(change.From, change.To, change.Reason);
        ModeChanged?.Invoke(this, change);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Mode {From} -> {To} ({Reason})")]
    private partial void LogModeChange(OperatingMode from, OperatingMode to, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Probe {Target}: reachable={Reachable} ({Detail})")]
    private partial void LogProbe(string target, bool reachable, string detail);
}
