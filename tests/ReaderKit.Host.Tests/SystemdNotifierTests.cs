using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using ReaderKit.Host.Systemd;

namespace ReaderKit.Host.Tests;

/// <summary>sd_notify against a fake NOTIFY_SOCKET: a Unix datagram socket the test binds and reads.</summary>
public sealed class SystemdNotifierTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public SystemdNotifierTests()
    {
        SocketPath = _dir.File("notify.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.ReceiveTimeout = 2000;
    }

    private string SocketPath { get; }

    public void Dispose()
    {
        _listener.Dispose();
        _dir.Dispose();
    }

    private Func<string, string?> Env(string? watchdogUsec = null, string? watchdogPid = null) => name => name switch
    {
        "NOTIFY_SOCKET" => SocketPath,
        "WATCHDOG_USEC" => watchdogUsec,
        "WATCHDOG_PID" => watchdogPid,
        _ => null,
    };

    private string Receive()
    {
        var buffer = new byte[4096];
        var n = _listener.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    private int Pending() => _listener.Available;

    [Fact]
    public void Ready_status_and_stopping_arrive_as_datagrams()
    {
        using var notifier = new SystemdNotifier(Env());
        Assert.True(notifier.IsEnabled);
        Assert.True(notifier.Ready("ready, mode offline"));
        Assert.Equal("READY=1\nSTATUS=ready, mode offline", Receive());
        Assert.True(notifier.Status("two\nlines"));
        Assert.Equal("STATUS=two lines", Receive());
        Assert.True(notifier.Stopping("stopping"));
        Assert.Equal("STOPPING=1\nSTATUS=stopping", Receive());
    }

    [Fact]
    public void Abstract_socket_names_work()
    {
        var name = "readerkit-test-" + Guid.NewGuid().ToString("N");
        using var abstractListener = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        abstractListener.Bind(new UnixDomainSocketEndPoint("\0" + name));
        abstractListener.ReceiveTimeout = 2000;
        using var notifier = new SystemdNotifier(n => n == "NOTIFY_SOCKET" ? "@" + name : null);
        Assert.True(notifier.Ready("ok"));
        var buffer = new byte[256];
        Assert.Equal("READY=1\nSTATUS=ok", Encoding.UTF8.GetString(buffer, 0, abstractListener.Receive(buffer)));
    }

    [Fact]
    public void Without_notify_socket_nothing_is_sent_and_nothing_fails()
    {
        using var notifier = new SystemdNotifier(_ => null);
        Assert.False(notifier.IsEnabled);
        Assert.False(notifier.Ready("x"));
        Assert.Null(notifier.WatchdogInterval);
    }

    [Fact]
    public void A_vanished_socket_is_counted_not_thrown()
    {
        using var notifier = new SystemdNotifier(n => n == "NOTIFY_SOCKET" ? _dir.File("gone.sock") : null);
        Assert.False(notifier.Ready("x"));
        Assert.Equal(1, notifier.FailedSends);
    }

    [Fact]
    public void Watchdog_pid_of_another_process_disables_the_watchdog()
    {
        using var mine = new SystemdNotifier(Env("10000000", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(TimeSpan.FromSeconds(10), mine.WatchdogInterval);
        using var other = new SystemdNotifier(Env("10000000", "1"));
        Assert.Null(other.WatchdogInterval);
    }

    [Fact]
    public void Watchdog_pings_follow_loop_beats_and_stop_when_the_loop_stalls()
    {
        var time = new FakeTimeProvider();
        using var notifier = new SystemdNotifier(Env("8000000"));
        var heartbeat = new WatchdogHeartbeat(notifier, time);
        Assert.True(heartbeat.Enabled);

        heartbeat.Beat();
        Assert.Equal("WATCHDOG=1", Receive());

        // Beats faster than a quarter of the interval (2 s) do not ping again.
        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(150));
            heartbeat.Beat();
        }

        Thread.Sleep(50);
        Assert.Equal(0, Pending());

        time.Advance(TimeSpan.FromSeconds(1));
        heartbeat.Beat();
        Assert.Equal("WATCHDOG=1", Receive());
        Assert.Equal(2, heartbeat.Pings);

        // The loop stalls: time passes, nobody beats, nothing is sent — there is no timer behind the pings.
        time.Advance(TimeSpan.FromSeconds(30));
        Thread.Sleep(100);
        Assert.Equal(0, Pending());
        Assert.Equal(2, heartbeat.Pings);
        Assert.Equal(12, heartbeat.Beats);
    }
}
