using System.Diagnostics;
using System.Globalization;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>
/// Repeats the paced 20 KiB read N times across the links and counts failed reads (any exception, or data that differs
/// from the file). Round-robin on one emulator at a time by default; with <c>--parallel</c> every link runs its share
/// at the same time, each on its own emulator (more load on the host, the harder test).
/// </summary>
internal static class Pn532Soak
{
    public static async Task<int> RunAsync(int repetitions, bool quick, bool parallel, string linkFilter)
    {
        var scenario = Pn532Scenarios.Workloads(quick)[0];
        var links = Pn532Scenarios.Links.Where(l => l.Driver == "readerkit" && l.Name.Contains(linkFilter, StringComparison.OrdinalIgnoreCase)).ToList();
        var results = links.ToDictionary(l => l.Name, _ => new LinkResult());
        var clock = Stopwatch.StartNew();
        var completed = 0;
        using var stalls = new StallMonitor();

        async Task RunOneAsync(Pn532LinkSetup link, int index)
        {
            var result = results[link.Name];
            TracingLink? trace = null;
            try
            {
                var row = await Pn532Scenarios.RunReaderKitAsync(link, scenario, chunk: null, l => trace = new TracingLink(l)).ConfigureAwait(false);
                result.Add(row.Seconds / row.FloorSeconds, failed: false);
            }
#pragma warning disable CA1031 // The soak counts every failure, whatever its type.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                result.Add(double.NaN, failed: true);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:hh\\:mm\\:ss}] run {index + 1} on {link.Name}: FAILED {ex.GetType().Name}: {ex.Message} (longest thread stall in the last 10 s: {stalls.RecentMax.TotalMilliseconds:0} ms); last link events:{Environment.NewLine}{trace?.Dump() ?? "    (none: the link was never opened)"}"));
            }

            var done = Interlocked.Increment(ref completed);
            if (done % 25 == 0)
            {
                // Running totals, so a run cut short still says how far it got and what failed.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:hh\\:mm\\:ss}] {done} of {repetitions} reads done, {results.Values.Sum(r => r.Failures)} failed; {string.Join("; ", results.Select(r => $"{r.Key}: {r.Value}"))}"));
            }
        }

        if (parallel)
        {
            // The emulated I2C and SPI attachments pace their bytes by blocking the calling thread (as a real ioctl
            // blocks for the transfer); three links doing that at once starve a 2-core default thread pool, and the
            // HSU link's read continuations then miss their ACK window. Give the pool a thread per blocking stream.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, 4 * links.Count), io);
            await Task.WhenAll(links.Select((link, k) => Task.Run(async () =>
            {
                for (var i = k; i < repetitions; i += links.Count)
                {
                    await RunOneAsync(link, i).ConfigureAwait(false);
                }
            }))).ConfigureAwait(false);
        }
        else
        {
            for (var i = 0; i < repetitions; i++)
            {
                await RunOneAsync(links[i % links.Count], i).ConfigureAwait(false);
            }
        }

        Console.WriteLine("| link | runs | failed | median × floor | max × floor |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, result) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {result.Runs} | {result.Failures} | {result.Median:0.00} | {result.Max:0.00} |"));
        }

        var failures = results.Values.Sum(r => r.Failures);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak: {repetitions} paced reads of {scenario.Name}{(parallel ? ", links in parallel" : "")}, {failures} failed, {clock.Elapsed.TotalMinutes:0.0} min, longest thread stall {stalls.Max.TotalMilliseconds:0} ms"));
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// A thread that asks to sleep 1 ms over and over and records how late it wakes: the host's scheduling stalls, to
    /// tell a driver fault from a machine that stopped running the process.
    /// </summary>
    private sealed class StallMonitor : IDisposable
    {
        private readonly Thread _thread;
        private readonly Queue<(long At, TimeSpan Stall)> _recent = new();
        private readonly object _gate = new();
        private volatile bool _stop;

        public StallMonitor()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "soak-stall-monitor" };
            _thread.Start();
        }

        public TimeSpan Max { get; private set; }

        public TimeSpan RecentMax
        {
            get
            {
                lock (_gate)
                {
                    return _recent.Count == 0 ? TimeSpan.Zero : _recent.Max(r => r.Stall);
                }
            }
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }

        private void Run()
        {
            while (!_stop)
            {
                var before = Stopwatch.GetTimestamp();
                Thread.Sleep(1);
                var now = Stopwatch.GetTimestamp();
                var stall = Stopwatch.GetElapsedTime(before, now);
                lock (_gate)
                {
                    if (stall > Max)
                    {
                        Max = stall;
                    }

                    if (stall > TimeSpan.FromMilliseconds(20))
                    {
                        _recent.Enqueue((now, stall));
                    }

                    while (_recent.Count > 0 && Stopwatch.GetElapsedTime(_recent.Peek().At, now) > TimeSpan.FromSeconds(10))
                    {
                        _recent.Dequeue();
                    }
                }
            }
        }
    }

    private sealed class LinkResult
    {
        private readonly List<double> _ratios = [];
        private readonly object _gate = new();

        public int Runs { get; private set; }

        public int Failures { get; private set; }

        public double Median
        {
            get
            {
                lock (_gate)
                {
                    return _ratios.Count == 0 ? double.NaN : _ratios.Order().ElementAt(_ratios.Count / 2);
                }
            }
        }

        public double Max
        {
            get
            {
                lock (_gate)
                {
                    return _ratios.Count == 0 ? double.NaN : _ratios.Max();
                }
            }
        }

        public void Add(double ratio, bool failed)
        {
            lock (_gate)
            {
                Runs++;
                if (failed)
                {
                    Failures++;
                }
                else
                {
                    _ratios.Add(ratio);
                }
            }
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Runs} runs, {Failures} failed, median {Median:0.00}× floor");
    }
}
