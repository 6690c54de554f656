namespace ReaderKit.Host.Systemd;

/// <summary>
/// Watchdog pings driven by the reader loop, not by a timer: the loop calls <see cref="Beat"/> each time it makes
/// progress (an idle poll of the field, a tap step), and a beat sends <c>WATCHDOG=1</c> when at least a quarter of the
/// watchdog interval has passed since the last ping. If the loop stalls, nothing beats, pings stop, and systemd
/// restarts the service after <c>WatchdogSec</c>.
/// </summary>
/// <remarks>
/// The reader loop's longest silent step must therefore stay well under <c>WatchdogSec</c>: every wait in the loop
/// is bounded and beats at least once per second while waiting (card field poll, 照合番号B wait, face capture).
/// </remarks>
public sealed class WatchdogHeartbeat
{
    private readonly SystemdNotifier _notifier;
    private readonly TimeProvider _time;
    private readonly TimeSpan _minGap;
    private long _lastPing = long.MinValue;
    private long _beats;
    private long _pings;

    public WatchdogHeartbeat(SystemdNotifier notifier, TimeProvider time)
    {
        _notifier = notifier;
        _time = time;
        _minGap = notifier.WatchdogInterval is { } w ? w / 4 : TimeSpan.MaxValue;
    }

    /// <summary>True when systemd set a watchdog for this process.</summary>
    public bool Enabled => _notifier.IsEnabled && _notifier.WatchdogInterval is not null;

    /// <summary>Beats so far.</summary>
    public long Beats => Interlocked.Read(ref _beats);

    /// <summary>Pings sent so far.</summary>
    public long Pings => Interlocked.Read(ref _pings);

    /// <summary>When the loop last beat (UTC), or null before the first beat.</summary>
    public DateTimeOffset? LastBeat { get; private set; }

    /// <summary>Records progress; pings the watchdog when it is due. Cheap enough for every loop iteration.</summary>
    public void Beat()
    {
        Interlocked.Increment(ref _beats);
        LastBeat = _time.GetUtcNow();
        if (!Enabled)
        {
            return;
        }

        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastPing);
        if (last != long.MinValue && _time.GetElapsedTime(last, now) < _minGap)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastPing, now, last) == last && _notifier.Watchdog())
        {
            Interlocked.Increment(ref _pings);
        }
    }
}
