using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Status;

namespace ReaderKit.Host.Tests;

/// <summary>The whole host (generic host, options, journal, outage monitor, status, systemd) with fakes behind the reader seam.</summary>
public sealed class HostIntegrationTests
{
    private static List<string> Drain(Socket socket)
    {
        var list = new List<string>();
        var buffer = new byte[4096];
        while (socket.Available > 0)
        {
            list.Add(Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer)));
        }

        return list;
    }

    private static string[] Args(TempDir dir) =>
    [
        "--Reader:DeviceId=it-1", $"--Journal:Path={dir.File("j.db")}", $"--Journal:KeyFile={dir.File("k.json")}",
        $"--Reader:StatusFile={dir.File("status.json")}", "--Reader:PollInterval=00:00:00.050", $"--Rpc:UnixSocket={dir.File("rpc.sock")}",
    ];

    [Fact]
    public async Task A_wired_host_says_ready_pings_the_watchdog_from_the_loop_reports_status_and_says_stopping()
    {
        using var dir = new TempDir();
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(dir.File("notify.sock")));
        var env = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = dir.File("notify.sock"), ["WATCHDOG_USEC"] = "400000" };
        var builder = ReaderHost.CreateBuilder(Args(dir), n => env.GetValueOrDefault(n));
        var field = new FakeField();
        builder.Services.AddSingleton<ICardField>(field);
        builder.Services.AddSingleton<ITapRunner>(new ScriptedRunner());
        using var host = builder.Build();
        using var stop = new CancellationTokenSource();
        var run = ReaderHost.RunAsync(host, TextWriter.Null, stop.Token);

        var messages = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !(messages.Any(m => m.StartsWith("READY=1", StringComparison.Ordinal)) && messages.Count(m => m == "WATCHDOG=1") >= 3))
        {
            await Task.Delay(50);
            messages.AddRange(Drain(notify));
        }

        Assert.Contains(messages, m => m.StartsWith("READY=1\nSTATUS=ready, mode unknown", StringComparison.Ordinal));
        Assert.True(messages.Count(m => m == "WATCHDOG=1") >= 3);
        var machine = host.Services.GetRequiredService<ReaderStateMachine>();
        Assert.Equal(ReaderState.Idle, machine.State);

        host.Services.GetRequiredService<HostStatusWriter>().WriteNow();
        var status = HostStatusFile.Read(dir.File("status.json"))!;
        Assert.Equal(("it-1", "idle", "unknown"), (status.DeviceId, status.ReaderState, status.Mode));
        Assert.True(status.Watchdog);
        Assert.Empty(status.Faults);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        messages.AddRange(Drain(notify));
        Assert.Contains("STOPPING=1\nSTATUS=stopping", messages);
        Assert.Equal(ReaderState.Stopped, machine.State);
        Assert.False(File.Exists(dir.File("status.json")));
    }

    [Fact]
    public async Task A_host_without_a_tap_runner_raises_a_reader_fault_and_never_pings_the_watchdog()
    {
        using var dir = new TempDir();
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(dir.File("notify.sock")));
        var env = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = dir.File("notify.sock"), ["WATCHDOG_USEC"] = "400000" };
        using var host = ReaderHost.CreateBuilder(Args(dir), n => env.GetValueOrDefault(n)).Build();
        using var stop = new CancellationTokenSource();
        var run = ReaderHost.RunAsync(host, TextWriter.Null, stop.Token);
        var health = host.Services.GetRequiredService<HostHealth>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && health.Faults.Count == 0)
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        var messages = Drain(notify);
        Assert.Equal(["reader: " + ReaderLoopService.NotWiredFault], health.Faults);
        Assert.DoesNotContain("WATCHDOG=1", messages);
        Assert.Equal("not-wired", host.Services.GetRequiredService<IReaderStateSource>().StateName);
        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task An_unusable_key_file_stops_the_start_with_exit_73()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("k.json"), "{}");
        File.SetUnixFileMode(dir.File("k.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        using var host = ReaderHost.CreateBuilder(Args(dir), _ => null).Build();
        using var errors = new StringWriter();
        Assert.Equal(ReaderHost.ExitJournalUnavailable, await ReaderHost.RunAsync(host, errors));
        Assert.Contains("chmod 600", errors.ToString(), StringComparison.Ordinal);
    }
}
