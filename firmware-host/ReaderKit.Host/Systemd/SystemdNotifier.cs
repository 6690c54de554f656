using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ReaderKit.Host.Systemd;

/// <summary>
/// sd_notify(3) by hand: one datagram per state change to the Unix socket named by <c>NOTIFY_SOCKET</c> (a path, or
/// an abstract name starting with <c>@</c>). Without the variable (not started by systemd with <c>Type=notify</c>) it
/// does nothing. Sends never block the caller for long: the socket is datagram, non-blocking, and a failed send is
/// counted, not thrown (systemd being gone must not stop the reader).
/// </summary>
/// <remarks>
/// Microsoft.Extensions.Hosting.Systemd covers READY=1 and STOPPING=1 only; the watchdog here must be driven by the
/// reader loop's progress (see <see cref="WatchdogHeartbeat"/>), so all notifications go through this one small class.
/// </remarks>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Lock _gate = new();
    private readonly UnixDomainSocketEndPoint? _endPoint;
    private Socket? _socket;
    private long _failedSends;

    /// <summary>Reads <c>NOTIFY_SOCKET</c>, <c>WATCHDOG_USEC</c> and <c>WATCHDOG_PID</c> through <paramref name="environment"/> (default: the process environment).</summary>
    public SystemdNotifier(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var path = environment("NOTIFY_SOCKET");
        if (!string.IsNullOrEmpty(path))
        {
            // Abstract socket names are written with a leading '@' and sent with a leading NUL.
            _endPoint = new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path);
        }

        WatchdogInterval = ParseWatchdog(environment("WATCHDOG_USEC"), environment("WATCHDOG_PID"));
    }

    /// <summary>True when systemd asked for notifications.</summary>
    public bool IsEnabled => _endPoint is not null;

    /// <summary>The watchdog timeout systemd set for this process, or null when the watchdog is off.</summary>
    public TimeSpan? WatchdogInterval { get; }

    /// <summary>Sends that failed (systemd gone, socket full).</summary>
    public long FailedSends => Interlocked.Read(ref _failedSends);

    /// <summary><c>READY=1</c> with a status line.</summary>
    public bool Ready(string status) => Notify($"READY=1\nSTATUS={OneLine(status)}");

    /// <summary><c>STOPPING=1</c> with a status line.</summary>
    public bool Stopping(string status) => Notify($"STOPPING=1\nSTATUS={OneLine(status)}");

    /// <summary><c>STATUS=…</c> (shown by <c>systemctl status</c>).</summary>
    public bool Status(string status) => Notify($"STATUS={OneLine(status)}");

    /// <summary><c>WATCHDOG=1</c>.</summary>
    public bool Watchdog() => Notify("WATCHDOG=1");

    /// <summary>Sends one notification datagram (newline-separated assignments); false when disabled or the send failed.</summary>
    public bool Notify(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_endPoint is null)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(state);
        lock (_gate)
        {
            try
            {
                _socket ??= Open();
                _socket.SendTo(bytes, SocketFlags.None, _endPoint);
                return true;
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _failedSends);
                _socket?.Dispose();
                _socket = null;
                return false;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _socket?.Dispose();
            _socket = null;
        }
    }

    private static Socket Open() => new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };

    private static string OneLine(string status) => status.ReplaceLineEndings(" ");

    private static TimeSpan? ParseWatchdog(string? usec, string? pid)
    {
        if (string.IsNullOrEmpty(usec) || !long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var micros) || micros <= 0)
        {
            return null;
        }

        // WATCHDOG_PID, when set, names the process that must ping; another process (a child) must not.
        if (!string.IsNullOrEmpty(pid) && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p != Environment.ProcessId))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(micros);
    }
}
