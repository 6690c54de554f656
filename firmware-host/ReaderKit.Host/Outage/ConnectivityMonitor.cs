namespace ReaderKit.Host.Outage;

/// <summary>
/// Decides the <see cref="OperatingMode"/> from two debounced signals: the UPS power-fail input (already held for
/// its debounce time by the caller) and the reachability probe (debounced here by consecutive results). Pure state,
/// no I/O, no clock: every observation carries its time, so every transition is testable.
/// </summary>
/// <remarks>
/// Rules: a power failure is Offline whatever the probe says. Otherwise the probe decides: the first result sets the
/// reachability at once; after that it flips only after <c>failuresToOffline</c> failures or <c>successesToOnline</c>
/// successes in a row. Without a probe the mode is Unknown unless power failed (the host never claims Online
/// without evidence).
/// </remarks>
public sealed class ConnectivityMonitor
{
    private readonly int _failuresToOffline;
    private readonly int _successesToOnline;
    private bool? _reachable;
    private int _streak;
    private bool _powerFailed;

    public ConnectivityMonitor(int failuresToOffline, int successesToOnline)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresToOffline, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(successesToOnline, 1);
        _failuresToOffline = failuresToOffline;
        _successesToOnline = successesToOnline;
    }

    /// <summary>The current mode.</summary>
    public OperatingMode Mode { get; private set; } = OperatingMode.Unknown;

    /// <summary>True while the (debounced) power-fail input is active.</summary>
    public bool PowerFailed => _powerFailed;

    /// <summary>The debounced reachability, or null before the first probe result.</summary>
    public bool? Reachable => _reachable;

    /// <summary>Feeds one probe result; returns the mode change it caused, if any.</summary>
    public ModeChange? ObserveProbe(bool reachable, DateTimeOffset at)
    {
        if (_reachable is null)
        {
            _reachable = reachable;
            _streak = 0;
        }
        else if (_reachable == reachable)
        {
            _streak = 0;
        }
        else
        {
            _streak++;
            if (_streak >= (reachable ? _successesToOnline : _failuresToOffline))
            {
                _reachable = reachable;
                _streak = 0;
            }
        }

        return Update(at, reachable ? "probe-reachable" : "probe-unreachable");
    }

    /// <summary>Feeds the debounced power-fail level; returns the mode change it caused, if any.</summary>
    public ModeChange? ObservePower(bool powerFailed, DateTimeOffset at)
    {
        _powerFailed = powerFailed;
        return Update(at, powerFailed ? "power-fail" : "power-restored");
    }

    private ModeChange? Update(DateTimeOffset at, string reason)
    {
        var next = _powerFailed ? OperatingMode.Offline : _reachable switch
        {
            true => OperatingMode.Online,
            false => OperatingMode.Offline,
            null => OperatingMode.Unknown,
        };
        if (next == Mode)
        {
            return null;
        }

        var change = new ModeChange(Mode, next, reason, at);
        Mode = next;
        return change;
    }
}
