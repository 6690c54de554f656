using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ReaderKit.Contracts;
using ReaderKit.Protocol.Messages;
using ReaderKit.Sdk;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Benchmarks;

/// <summary>
/// <c>host --real-taps N [--starts K] [--paced]</c>: <c>readerkit-host</c> as it ships, in simulation (the embedded
/// default: the PN532 emulator behind the production SPI link, a virtual card, the virtual camera, the face models), as a
/// child process with the runtime settings of the shipped systemd unit (<see cref="HostBenchmark.ShippedEnvironment"/>). Start-up is <c>Process.Start</c> → <c>READY=1</c> on a NOTIFY_SOCKET this benchmark binds (READY
/// comes after every hosted service started, the face-model warm-up included, so the models are loaded), with the
/// child's RSS then (median of K starts). The last child then serves N full taps through the .NET SDK over its Unix
/// socket — the genuine persona, its holder live at the camera, the simulated customer tapping the card when the reader
/// asks and taking it away after; every verdict must be Accepted — and the child's RSS is read after a warm-up
/// (min(50, N/5) taps), at half-way, every tenth of the run and at the end, with the least-squares slope of those tenths
/// (MB per 100 taps: growth). The emulator is unpaced unless <c>--paced</c> (the paced SPI link
/// adds the real air and bus time per tap, which does not change what is resident).
/// </summary>
internal static class HostRealTaps
{
    public static async Task<List<(string Metric, double Value, string Unit)>> RunAsync(string dir, int taps, int starts, bool paced)
    {
        var rows = new List<(string, double, string)>();
        var ready = new List<double>();
        var readyRss = new List<double>();
        Process? child = null;
        try
        {
            for (var i = 0; i < starts; i++)
            {
                child?.Kill();
                if (child is not null)
                {
                    await child.WaitForExitAsync().ConfigureAwait(false);
                    child.Dispose();
                }

                var (started, ms) = await StartAsync(dir, i, paced).ConfigureAwait(false);
                child = started;
                ready.Add(ms);
                readyRss.Add(HostBenchmark.RssMb(child.Id));
            }

            rows.Add(("real_startup_ready_ms_median", HostBenchmark.Median(ready), "ms"));
            rows.Add(("real_startup_ready_ms_max", ready.Max(), "ms"));
            rows.Add(("real_startup_rss_mb_median", HostBenchmark.Median(readyRss), "MB"));

            await using var client = await ReaderKitClient.ConnectAsync(new ReaderKitClientOptions
            {
                Endpoint = ReaderKitEndpoint.Unix(Path.Combine(dir, $"rpc-{starts - 1}.sock")),
                ClientName = "bench",
                CallTimeout = TimeSpan.FromSeconds(120),
            }).ConfigureAwait(false);
            var persona = PersonaCatalog.Get(PersonaCatalog.DefaultName);
            var warmup = Math.Min(50, Math.Max(1, taps / 5));
            var tapMs = new List<double>(taps);
            var every = Math.Max(1, taps / 10);
            var trend = new List<(int Tap, double RssMb)>();
            var total = Stopwatch.StartNew();
            for (var i = 0; i < warmup + taps; i++)
            {
                if (i == warmup)
                {
                    rows.Add(("real_taps_rss_mb_after_warmup", HostBenchmark.RssMb(child!.Id), "MB"));
                }

                if (i == warmup + (taps / 2))
                {
                    rows.Add(("real_taps_rss_mb_at_half", HostBenchmark.RssMb(child!.Id), "MB"));
                }

                if (i > warmup && (i - warmup) % every == 0)
                {
                    // The curve, not just three points: growth shows as a trend over the tenths of the run.
                    trend.Add((i - warmup, HostBenchmark.RssMb(child!.Id)));
                    var parts = HostBenchmark.RssParts(child!.Id);
                    await Console.Error.WriteLineAsync(FormattableString.Invariant(
                        $"host --real-taps: {i - warmup} taps measured, RSS {trend[^1].RssMb:0.0} MB (anon {parts.AnonMb:0.0}, file {parts.FileMb:0.0}, shmem {parts.ShmemMb:0.0}), {parts.Threads} threads")).ConfigureAwait(false);
                }

                var t0 = Stopwatch.GetTimestamp();
                using var numberB = NumberBInput.FromParts(persona.Holder.DateOfBirth, persona.ExpiryDate.Year, persona.SecurityCode);
                var result = await client.TapAsync(numberB).WaitAsync(TimeSpan.FromMinutes(3)).ConfigureAwait(false);
                if (result.Verdict != VerdictKind.Accepted)
                {
                    throw new InvalidOperationException($"tap {i}: {result.Verdict} {result.Error?.Name}: {string.Join("; ", result.Checks.Where(c => c.Status == CheckLineStatus.Fail).Select(c => $"{c.Name} {c.Reason}"))}");
                }

                if (i >= warmup)
                {
                    tapMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }

                // The next tap starts once the customer took the card away and the reader is idle again.
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                while ((await client.GetStatusAsync().ConfigureAwait(false)).State != ReaderStates.Idle && DateTime.UtcNow < until)
                {
                    await Task.Delay(10).ConfigureAwait(false);
                }
            }

            rows.Add(("real_taps_rss_mb_at_end", HostBenchmark.RssMb(child!.Id), "MB"));
            trend.Add((taps, rows[^1].Item2));
            var end = HostBenchmark.RssParts(child!.Id);
            rows.Add(("real_taps_rss_anon_mb_at_end", end.AnonMb, "MB"));
            rows.Add(("real_taps_rss_file_mb_at_end", end.FileMb, "MB"));
            rows.Add(("real_taps_rss_shmem_mb_at_end", end.ShmemMb, "MB"));
            rows.Add(("real_taps_threads_at_end", end.Threads, "count"));
            rows.AddRange(trend.Select(t => ($"real_taps_rss_mb_after_{t.Tap}", t.RssMb, "MB")));
            if (trend.Count >= 4)
            {
                // Least-squares slope over the measured taps (after the warm-up), in MB per 100 taps.
                var mx = trend.Average(t => t.Tap);
                var my = trend.Average(t => t.RssMb);
                var slope = trend.Sum(t => (t.Tap - mx) * (t.RssMb - my)) / trend.Sum(t => (t.Tap - mx) * (t.Tap - mx));
                rows.Add(("real_taps_rss_mb_per_100_taps", slope * 100, "MB"));
            }

            rows.Add(("real_taps", taps, "count"));
            rows.Add(("real_taps_ms_median", HostBenchmark.Median(tapMs), "ms"));
            rows.Add(("real_taps_ms_p95", tapMs.Order().ElementAt((int)((tapMs.Count - 1) * 0.95)), "ms"));
            rows.Add(("real_taps_wall_s", total.Elapsed.TotalSeconds, "s"));
            rows.Add(("real_taps_paced", paced ? 1 : 0, "bool"));
        }
        finally
        {
            if (child is not null)
            {
                child.Kill();
                await child.WaitForExitAsync().ConfigureAwait(false);
                child.Dispose();
            }
        }

        return rows;
    }

    /// <summary>Starts readerkit-host in simulation and waits for its READY=1; the child and the milliseconds it took.</summary>
    private static async Task<(Process Child, double ReadyMs)> StartAsync(string dir, int i, bool paced)
    {
        var socketPath = Path.Combine(dir, $"real-notify-{i}.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "readerkit-host.dll"));
        foreach (var a in new[]
        {
            "--Reader:DeviceId=bench", "--Reader:Simulation:Enabled=true", "--Reader:Simulation:AutoTap=true", "--Reader:FaceStepTimeout=00:00:30", $"--Reader:Simulation:Pacing={(paced ? "true" : "false")}",
            $"--Journal:Path={Path.Combine(dir, $"real-{i}.db")}", $"--Journal:KeyFile={Path.Combine(dir, $"real-{i}-keys.json")}",
            $"--Reader:StatusFile={Path.Combine(dir, $"real-status-{i}.json")}", "--Logging:LogLevel:Default=Warning", $"--Rpc:UnixSocket={Path.Combine(dir, $"rpc-{i}.sock")}",
        })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NOTIFY_SOCKET"] = socketPath;
        foreach (var (key, value) in HostBenchmark.ShippedEnvironment())
        {
            psi.Environment[key] = value;
        }

        var t0 = Stopwatch.GetTimestamp();
        var child = Process.Start(psi)!;
        _ = child.StandardOutput.ReadToEndAsync();
        _ = child.StandardError.ReadToEndAsync();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (true)
        {
            var n = await notify.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            if (Encoding.UTF8.GetString(buffer, 0, n).StartsWith("READY=1", StringComparison.Ordinal))
            {
                return (child, Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
        }
    }
}
