using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReaderKit.Card.Credentials;
using ReaderKit.Contracts;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Logging;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Status;
using ReaderKit.Host.Systemd;

namespace ReaderKit.Benchmarks;

/// <summary>
/// <c>host [--json] [--starts N] [--taps N] [--appends N]</c>: the reader host's own costs; <c>host --real-taps N
/// [--starts K] [--paced] [--json]</c> measures the shipped host with real simulated taps instead (<see cref="HostRealTaps"/>).
/// <list type="bullet">
/// <item>start-up: <c>readerkit-host</c> as a child process, from <c>Process.Start</c> to its <c>READY=1</c> on a
/// NOTIFY_SOCKET this benchmark binds, and the child's RSS at that moment (median of N starts);</item>
/// <item>journal: <c>TapJournal.Append</c> latency with WAL + synchronous=FULL (p50/p99, records/s);</item>
/// <item>taps: N taps through the reader state machine with a fake tap runner and a fake field (the host's own
/// per-tap work: lease, states, events, journal write), with this process's RSS, managed heap, GC-committed and SQLite
/// memory after a warm-up (200 taps), at half-way and at the end.</item>
/// </list>
/// The card, trust and face work of a real tap is not in these figures: it comes with the tap library.
/// </summary>
internal sealed class HostBenchmark : IBenchmarkWorkload
{
    public string Name => "host";

    public async Task<int> RunAsync(string[] args)
    {
        var json = args.Contains("--json");
        var starts = IntArg(args, "--starts", 10);
        var taps = IntArg(args, "--taps", 1000);
        var appends = IntArg(args, "--appends", 1000);
        var rows = new List<(string Metric, double Value, string Unit)>();
        using var dir = new TempDirectory();
        if (IntArg(args, "--real-taps", 0) is > 0 and var realTaps)
        {
            Print(json, await HostRealTaps.RunAsync(dir.Path, realTaps, IntArg(args, "--starts", 3), args.Contains("--paced")).ConfigureAwait(false));
            return 0;
        }

        var (readyMs, rssMb) = await StartUpAsync(dir.Path, starts).ConfigureAwait(false);
        rows.Add(("startup_ready_ms_median", Median(readyMs), "ms"));
        rows.Add(("startup_ready_ms_max", readyMs.Max(), "ms"));
        rows.Add(("startup_rss_mb_median", Median(rssMb), "MB"));

        var (p50, p99, perSecond) = Appends(dir.Path, appends);
        rows.Add(("journal_append_p50_ms", p50, "ms"));
        rows.Add(("journal_append_p99_ms", p99, "ms"));
        rows.Add(("journal_appends_per_second", perSecond, "1/s"));

        var (rssStart, rssEnd, heapStart, heapEnd, tapMs) = await TapsAsync(dir.Path, taps).ConfigureAwait(false);
        rows.Add(("taps", taps, "count"));
        rows.Add(("taps_rss_mb_after_warmup", rssStart, "MB"));
        rows.Add(("taps_rss_mb_at_end", rssEnd, "MB"));
        rows.Add(("taps_managed_heap_mb_after_warmup", heapStart, "MB"));
        rows.Add(("taps_managed_heap_mb_at_end", heapEnd, "MB"));
        rows.AddRange(TapMemoryRows);
        rows.Add(("taps_host_overhead_ms_median", tapMs, "ms"));

        Print(json, rows);
        return 0;
    }

    private static void Print(bool json, List<(string Metric, double Value, string Unit)> rows)
    {
        foreach (var (metric, value, unit) in rows)
        {
            Console.WriteLine(json
                ? string.Create(CultureInfo.InvariantCulture, $$"""{"workload":"host","metric":"{{metric}}","value":{{value:0.###}},"unit":"{{unit}}"}""")
                : string.Create(CultureInfo.InvariantCulture, $"{metric,-32} {value,10:0.###} {unit}"));
        }
    }

    private static async Task<(List<double> ReadyMs, List<double> RssMb)> StartUpAsync(string dir, int starts)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "readerkit-host.dll");
        var ready = new List<double>();
        var rss = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            var socketPath = Path.Combine(dir, $"notify-{i}.sock");
            using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            notify.Bind(new UnixDomainSocketEndPoint(socketPath));
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(dll);
            foreach (var (key, value) in ShippedEnvironment())
            {
                psi.Environment[key] = value;
            }

            foreach (var a in new[]
            {
                "--Reader:DeviceId=bench", $"--Journal:Path={Path.Combine(dir, $"startup-{i}.db")}", $"--Journal:KeyFile={Path.Combine(dir, $"startup-{i}-keys.json")}",
                $"--Reader:StatusFile={Path.Combine(dir, $"status-{i}.json")}", "--Logging:LogLevel:Default=Warning", $"--Rpc:UnixSocket={Path.Combine(dir, $"rpc-{i}.sock")}",
            })
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment["NOTIFY_SOCKET"] = socketPath;
            var t0 = Stopwatch.GetTimestamp();
            using var child = Process.Start(psi)!;
            _ = child.StandardOutput.ReadToEndAsync();
            _ = child.StandardError.ReadToEndAsync();
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                var n = await notify.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                if (Encoding.UTF8.GetString(buffer, 0, n).StartsWith("READY=1", StringComparison.Ordinal))
                {
                    break;
                }
            }

            ready.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            rss.Add(RssMb(child.Id));
            child.Kill();
            await child.WaitForExitAsync().ConfigureAwait(false);
        }

        return (ready, rss);
    }

    private static (double P50, double P99, double PerSecond) Appends(string dir, int count)
    {
        using var keys = DeviceKeyRing.OpenOrCreate(Path.Combine(dir, "append-keys.json"), TimeProvider.System);
        using var journal = TapJournal.Open(Path.Combine(dir, "append.db"), keys, TimeProvider.System, "bench", ["name"]);
        var samples = new List<double>(count);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            journal.Append(Entry(i));
            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        total.Stop();
        samples.Sort();
        return (samples[samples.Count / 2], samples[(int)(samples.Count * 0.99)], count / total.Elapsed.TotalSeconds);
    }

    private static async Task<(double RssStart, double RssEnd, double HeapStart, double HeapEnd, double TapMs)> TapsAsync(string dir, int taps)
    {
        using var keys = DeviceKeyRing.OpenOrCreate(Path.Combine(dir, "taps-keys.json"), TimeProvider.System);
        using var journal = TapJournal.Open(Path.Combine(dir, "taps.db"), keys, TimeProvider.System, "bench", ["name", "photo"]);
        var gpio = new HostGpio(new SystemGpioControllerFactory(), Options.Create(new IndicatorOptions()), Options.Create(new OutageOptions()));
        var indicator = new StatusIndicator(gpio, Options.Create(new IndicatorOptions()), TimeProvider.System);
        var health = new HostHealth(indicator);
        using var notifier = new SystemdNotifier(_ => null);
        var field = new BenchField();
        var journalOptions = new JournalOptions();
        journalOptions.KeepPersonalFields.Add("name");
        journalOptions.KeepPersonalFields.Add("photo");
        var readerOptions = new ReaderOptions { DeviceId = "bench", PollInterval = TimeSpan.FromMilliseconds(2) };
        var hub = new ReaderEventHub();
        using var subscription = hub.Subscribe(64);
        var machine = new ReaderStateMachine(new BenchRunner(), field, journal, health, indicator, new WatchdogHeartbeat(notifier, TimeProvider.System), hub,
            new SecretRedactor(), Options.Create(readerOptions), Options.Create(journalOptions), TimeProvider.System, NullLogger<ReaderStateMachine>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => machine.RunAsync(stop.Token));
        var lease = machine.AcquireLease("bench");
        var warmup = Math.Min(200, taps / 5);
        double rssStart = 0;
        double heapStart = 0;
        var tapMs = new List<double>(taps);
        for (var i = 0; i < warmup + taps; i++)
        {
            if (i == warmup)
            {
                rssStart = SettledRssMb();
                heapStart = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
                TapMemoryRows.Add(("taps_gc_committed_mb_after_warmup", GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0, "MB"));
                TapMemoryRows.Add(("taps_sqlite_memory_mb_after_warmup", SqliteMemoryMb(), "MB"));
            }

            if (i == warmup + (taps / 2))
            {
                TapMemoryRows.Add(("taps_rss_mb_at_half", SettledRssMb(), "MB"));
            }

            var t0 = Stopwatch.GetTimestamp();
            var tap = machine.SubmitAsync(lease, VerificationNumberB.Parse("55021720314821"), new TapOptions());
            field.Present = true;
            var result = await tap.ConfigureAwait(false);
            if (result.Verdict != VerdictKind.Accepted)
            {
                throw new InvalidOperationException($"tap {i}: {result.Verdict} {result.Error}");
            }

            field.Present = false;
            while (machine.State != ReaderState.Idle)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }

            if (i >= warmup)
            {
                tapMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }

            while (subscription.Reader.TryRead(out _))
            {
            }
        }

        var rssEnd = SettledRssMb();
        var heapEnd = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        TapMemoryRows.Add(("taps_gc_committed_mb_at_end", GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0, "MB"));
        TapMemoryRows.Add(("taps_sqlite_memory_mb_at_end", SqliteMemoryMb(), "MB"));
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        gpio.Dispose();
        return (rssStart, rssEnd, heapStart, heapEnd, Median(tapMs));
    }

    private static TapJournalEntry Entry(int i) => new()
    {
        StartedAt = DateTimeOffset.UtcNow,
        FinishedAt = DateTimeOffset.UtcNow,
        Verdict = VerdictKind.Accepted,
        Error = ErrorCode.Ok,
        Checks = [new CheckLine("surface.cvc", CheckLineStatus.Pass, "ok"), new CheckLine("face.match", CheckLineStatus.Pass, "0.71 >= 0.60")],
        Mode = OperatingMode.Offline,
        Identity = IdentityMethod.FaceMatched,
        CardIdentity = BitConverter.GetBytes(i),
        Personal = new PersonalData("山田 太郎", null, null, null),
    };

    private static readonly List<(string, double, string)> TapMemoryRows = [];

    private static double SqliteMemoryMb() => SQLitePCL.raw.sqlite3_memory_used() / 1048576.0;

    private static double SettledRssMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return RssMb(Environment.ProcessId);
    }

    /// <summary>Resident set size of process <paramref name="pid"/> in MB (VmRSS from /proc), NaN when not found.</summary>
    /// <summary>
    /// What the child's resident size is made of, from <c>/proc/PID/status</c>: anonymous memory (managed and native heaps,
    /// thread stacks), file-backed pages (the runtime, the assemblies, the native libraries) and shared memory (the JIT's
    /// double-mapped code), in MB, and its thread count.
    /// </summary>
    internal static (double AnonMb, double FileMb, double ShmemMb, int Threads) RssParts(int pid)
    {
        double anon = double.NaN, file = double.NaN, shmem = double.NaN;
        var threads = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0])
            {
                case "RssAnon:": anon = double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024; break;
                case "RssFile:": file = double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024; break;
                case "RssShmem:": shmem = double.Parse(parts[1], CultureInfo.InvariantCulture) / 1024; break;
                case "Threads:": threads = int.Parse(parts[1], CultureInfo.InvariantCulture); break;
                default: break;
            }
        }

        return (anon, file, shmem, threads);
    }

    /// <summary>
    /// The runtime and C-library settings the shipped systemd unit gives <c>readerkit-host</c>
    /// (<c>hardware/packaging/systemd/readerkit.service</c>: its <c>Environment=</c> lines for <c>DOTNET_</c>, <c>MALLOC_</c>
    /// and <c>GLIBC_</c> variables), so a benchmarked child runs as the service does. The unit's paths
    /// (<c>READERKIT_CONFIG</c>) are left out: the benchmark passes its own.
    /// </summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ShippedEnvironment()
    {
        var unit = Path.Combine(NativeBenchmark.FindRoot(), "hardware", "packaging", "systemd", "readerkit.service");
        var list = new List<KeyValuePair<string, string>>();
        foreach (var line in File.ReadLines(unit))
        {
            if (!line.StartsWith("Environment=", StringComparison.Ordinal))
            {
                continue;
            }

            var pair = line["Environment=".Length..].Split('=', 2);
            if (pair.Length == 2 && (pair[0].StartsWith("DOTNET_", StringComparison.Ordinal) || pair[0].StartsWith("MALLOC_", StringComparison.Ordinal)
                || pair[0].StartsWith("GLIBC_", StringComparison.Ordinal)))
            {
                list.Add(new(pair[0], pair[1]));
            }
        }

        return list.Any(p => p.Key == "MALLOC_ARENA_MAX") ? list : throw new InvalidOperationException($"{unit}: no MALLOC_ARENA_MAX (the shipped unit sets it)");
    }

    internal static double RssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return double.NaN;
    }

    /// <summary>The upper median of <paramref name="values"/>, NaN when empty.</summary>
    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    private sealed class BenchField : ICardField
    {
        public volatile bool Present;

        public Task<bool> IsCardPresentAsync(CancellationToken cancellationToken) => Task.FromResult(Present);

        public Task ReleaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class BenchRunner : ITapRunner
    {
        private static readonly byte[] Photo = new byte[12_000];

        public Task<TapVerdict> RunAsync(TapRequest request, IProgress<TapProgress> progress, CancellationToken cancellationToken)
        {
            foreach (var step in Enum.GetValues<ReaderKit.Host.Messages.ProgressStep>())
            {
                progress.Report(new TapProgress(step));
            }

            return Task.FromResult(new TapVerdict
            {
                Kind = VerdictKind.Accepted,
                Error = ErrorCode.Ok,
                CardVerified = true,
                Face = FaceOutcome.Matched,
                Checks = [new CheckLine("surface.cvc", CheckLineStatus.Pass, "ok"), new CheckLine("face.match", CheckLineStatus.Pass, "0.71 >= 0.60")],
                CardIdentity = Guid.NewGuid().ToByteArray(),
                Personal = new PersonalData("山田 太郎", "東京都千代田区", new DateOnly(1980, 2, 17), Photo),
            });
        }
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("readerkit-bench-host-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
