using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Rpc;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;
using ReaderKit.Sdk;
using ReaderEvent = ReaderKit.Protocol.Events.ReaderEvent;

namespace ReaderKit.Host.Tests;

/// <summary>The whole host (options, journal, reader loop, RPC server on a Unix socket) over a fake field and a scripted runner; clients are the real SDK.</summary>
internal sealed class RpcHostRig : IAsyncDisposable
{
    public const string Digits = "55021720314821";

    private readonly CancellationTokenSource _stop = new();
    private Task<int> _run = Task.FromResult(0);

    private RpcHostRig(TempDir dir, IHost host, FakeField field, ScriptedRunner runner)
    {
        Dir = dir;
        Host = host;
        Field = field;
        Runner = runner;
    }

    public TempDir Dir { get; }

    public IHost Host { get; }

    public FakeField Field { get; }

    public ScriptedRunner Runner { get; }

    public string Socket => Dir.File("rpc.sock");

    public ReaderStateMachine Machine => Host.Services.GetRequiredService<ReaderStateMachine>();

    public TapJournal Journal => Host.Services.GetRequiredService<TapJournal>();

    public static Task<RpcHostRig> StartAsync(params string[] extra) => StartAsync(true, extra);

    public static async Task<RpcHostRig> StartAsync(bool wired, params string[] extra)
    {
        var dir = new TempDir();
        string[] args =
        [
            "--Reader:DeviceId=rpc-1", $"--Journal:Path={dir.File("j.db")}", $"--Journal:KeyFile={dir.File("k.json")}",
            $"--Reader:StatusFile={dir.File("status.json")}", "--Reader:PollInterval=00:00:00.050", "--Reader:TapDeadline=00:00:10",
            "--Reader:StaffWait=00:00:10", "--Reader:NumberBWait=00:00:10", $"--Rpc:UnixSocket={dir.File("rpc.sock")}", .. extra,
        ];
        var builder = ReaderHost.CreateBuilder(args, _ => null);
        var field = new FakeField();
        var runner = new ScriptedRunner();
        if (wired)
        {
            builder.Services.AddSingleton<ICardField>(field);
            builder.Services.AddSingleton<ITapRunner>(runner);
        }
        var host = builder.Build();
        var rig = new RpcHostRig(dir, host, field, runner);
        var run = ReaderHost.RunAsync(host, TextWriter.Null, rig._stop.Token);
        rig._run = run;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!File.Exists(rig.Socket))
        {
            if (run.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the host did not open its socket (exit {(run.IsCompleted ? run.Result : -1)})");
            }

            await Task.Delay(20);
        }

        return rig;
    }

    public Task<ReaderKitClient> ConnectAsync(string name = "test-client") =>
        ReaderKitClient.ConnectAsync(new ReaderKitClientOptions { Endpoint = ReaderKitEndpoint.Unix(Socket), ClientName = name, CallTimeout = TimeSpan.FromSeconds(20) });

    public static NumberBInput NumberB() => NumberBInput.FromDigits(Digits);

    /// <summary>Collects a client's notifications in the background.</summary>
    public static EventLog Collect(ReaderKitClient client) => new(client);

    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
        }

        Host.Dispose();
        _stop.Dispose();
        Dir.Dispose();
    }

    internal sealed class EventLog
    {
        private readonly List<ReaderEvent> _events = [];

        public EventLog(ReaderKitClient client)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var e in client.ReadEventsAsync())
                    {
                        lock (_events)
                        {
                            _events.Add(e);
                        }
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or ReaderKitConnectionException)
                {
                }
            });
        }

        public IReadOnlyList<ReaderEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }
    }
}
