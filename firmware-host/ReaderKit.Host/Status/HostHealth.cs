using ReaderKit.Host.Gpio;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Status;

/// <summary>
/// The host's current mode and open faults in one place; every change re-derives the LED colour
/// (<see cref="StatusIndicator.ColorFor"/>) and raises <see cref="Changed"/> (status file, systemd STATUS=, RPC later).
/// </summary>
public sealed class HostHealth(StatusIndicator indicator)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, string> _faults = new(StringComparer.Ordinal);

    /// <summary>Raised after any change (on the thread that made it).</summary>
    public event EventHandler? Changed;

    /// <summary>The current mode.</summary>
    public OperatingMode Mode { get; private set; }

    /// <summary>The last mode change, or null.</summary>
    public ModeChange? LastModeChange { get; private set; }

    /// <summary>True while the UPS reports a power failure.</summary>
    public bool PowerFailed { get; private set; }

    /// <summary>The open faults, as "key: message".</summary>
    public IReadOnlyList<string> Faults
    {
        get
        {
            lock (_gate)
            {
                return [.. _faults.Select(f => $"{f.Key}: {f.Value}")];
            }
        }
    }

    /// <summary>The LED colour now.</summary>
    public IndicatorColor Color => indicator.Color;

    /// <summary>Applies a mode change.</summary>
    public void SetMode(ModeChange change, bool powerFailed)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            Mode = change.To;
            LastModeChange = change;
            PowerFailed = powerFailed;
        }

        Refresh();
    }

    /// <summary>Opens (or updates) a fault under <paramref name="key"/>.</summary>
    public void SetFault(string key, string message)
    {
        lock (_gate)
        {
            _faults[key] = message;
        }

        Refresh();
    }

    /// <summary>Clears a fault.</summary>
    public void ClearFault(string key)
    {
        bool removed;
        lock (_gate)
        {
            removed = _faults.Remove(key);
        }

        if (removed)
        {
            Refresh();
        }
    }

    /// <summary>Shows the current colour (also at start).</summary>
    public void Refresh()
    {
        bool fault;
        lock (_gate)
        {
            fault = _faults.Count > 0;
        }

        indicator.Show(StatusIndicator.ColorFor(Mode, fault));
        Changed?.Invoke(this, EventArgs.Empty);
    }
}
