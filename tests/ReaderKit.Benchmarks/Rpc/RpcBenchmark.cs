using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ReaderKit.Rpc;
using ReaderKit.Rpc.Security;
using ReaderKit.Rpc.Tests.Fakes;
using ReaderKit.Sdk;

namespace ReaderKit.Benchmarks;

/// <summary>
/// <c>rpc [--seconds N] [--repeat N] [--json]</c>: round-trip latency (p50, p99) and calls per second of
/// <c>reader.getStatus</c> through the .NET SDK to the RPC server (in this process, over a fake reader service), on the
/// Unix socket and on TLS 1.3 over 127.0.0.1, with 1 and 32 clients each running calls back to back. The server's rate
/// limit is off here (it is a policy knob, not transport cost).
/// </summary>
internal sealed class RpcBenchmark : IBenchmarkWorkload
{
    public string Name => "rpc";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = DoubleArg(args, "--seconds", 3);
        var repeat = (int)DoubleArg(args, "--repeat", 1);
        var json = args.Contains("--json");
        var directory = Path.Combine(Path.GetTempPath(), "rk-rpc-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            using var identity = DeviceIdentity.LoadOrCreate(Path.Combine(directory, "state"));
            var tokens = ClientTokenStore.Open(Path.Combine(directory, "state"));
            var token = tokens.Issue("bench");
            var options = new RpcServerOptions
            {
                UnixSocketPath = Path.Combine(directory, "rpc.sock"),
                TlsEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
                RequestsPerSecond = 0,
                MaxConnections = 128,
            };
            await using var server = new RpcServer(new FakeReaderService(), options, identity, tokens);
            await server.StartAsync();
            var rows = new List<Row>();
            for (var r = 0; r < repeat; r++)
            {
                foreach (var transport in new[] { "unix", "tls" })
                {
                    foreach (var clients in new[] { 1, 32 })
                    {
                        var endpoint = transport == "unix"
                            ? ReaderKitEndpoint.Unix(options.UnixSocketPath)
                            : ReaderKitEndpoint.Tls("127.0.0.1", server.TlsEndPoint!.Port, identity.Fingerprint);
                        rows.Add(await MeasureAsync(transport, clients, endpoint, token, TimeSpan.FromSeconds(seconds)));
                        if (!json)
                        {
                            Print(rows[^1], rows.Count == 1);
                        }
                    }
                }
            }

            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object>
                {
                    ["transport"] = r.Transport,
                    ["clients"] = r.Clients,
                    ["p50_us"] = Math.Round(r.P50Us, 1),
                    ["p99_us"] = Math.Round(r.P99Us, 1),
                    ["calls_per_second"] = Math.Round(r.CallsPerSecond),
                }).ToList()));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Row> MeasureAsync(string transport, int clientCount, ReaderKitEndpoint endpoint, string token, TimeSpan duration)
    {
        var clients = new List<ReaderKitClient>();
        for (var i = 0; i < clientCount; i++)
        {
            clients.Add(await ReaderKitClient.ConnectAsync(new ReaderKitClientOptions { Endpoint = endpoint, Token = token, ClientName = "bench-" + i, AutoReconnect = false }));
        }

        try
        {
            // Warm-up: JIT, TLS session state, thread pool.
            await Task.WhenAll(clients.Select(async c =>
            {
                for (var i = 0; i < 300; i++)
                {
                    await c.GetStatusAsync();
                }
            }));

            var samples = new List<long>[clientCount];
            var start = Stopwatch.GetTimestamp();
            var stopAt = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(clients.Select((c, index) => Task.Run(async () =>
            {
                var list = samples[index] = new List<long>(100_000);
                while (true)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    if (t0 >= stopAt)
                    {
                        return;
                    }

                    await c.GetStatusAsync();
                    list.Add(Stopwatch.GetTimestamp() - t0);
                }
            })));
            var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var all = samples.SelectMany(s => s).Order().ToArray();
            double Percentile(double p) => all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1e6 / Stopwatch.Frequency;
            return new Row(transport, clientCount, Percentile(0.50), Percentile(0.99), all.Length / elapsed);
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    private static void Print(Row row, bool header)
    {
        if (header)
        {
            Console.Out.WriteLine("transport  clients    p50 µs    p99 µs    calls/s");
        }

        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Transport,-9} {row.Clients,8} {row.P50Us,9:0.0} {row.P99Us,9:0.0} {row.CallsPerSecond,10:0}"));
    }

    private static double DoubleArg(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Row(string Transport, int Clients, double P50Us, double P99Us, double CallsPerSecond);
}
