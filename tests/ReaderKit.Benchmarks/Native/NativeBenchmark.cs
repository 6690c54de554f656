using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ReaderKit.Sdk;

namespace ReaderKit.Benchmarks;

/// <summary>
/// <c>native [--rounds N] [--calls N] [--json]</c>: the cost of a <c>reader.getStatus</c> call through libreaderkit
/// from C against the same call through the .NET SDK, and libreaderkit's size per architecture. The host is the RPC
/// test host (tests/ReaderKit.RpcTestHost) in its own process; the C client (Native/status_bench.c, built here with
/// gcc) and the SDK client (this process) each run in their own process too, alternately, in rounds, so machine load
/// hits both alike. Needs native/build.sh to have run.
/// </summary>
internal sealed class NativeBenchmark : IBenchmarkWorkload
{
    public string Name => "native";

    public async Task<int> RunAsync(string[] args)
    {
        var rounds = (int)Arg(args, "--rounds", 7);
        var calls = (int)Arg(args, "--calls", 2000);
        var json = args.Contains("--json");
        var root = FindRoot();
        var library = Path.Combine(root, "native", "build", "linux-x64", "libreaderkit.so");
        if (!File.Exists(library))
        {
            await Console.Error.WriteLineAsync("native: " + library + " is missing; run native/build.sh first");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("rk-native-bench-").FullName;
        Process? host = null;
        Process? bench = null;
        try
        {
            File.Copy(library, Path.Combine(work, "libreaderkit.so"));
            var program = Path.Combine(work, "status_bench");
            await RunToEndAsync("gcc", ["-std=c11", "-O2", "-I", Path.Combine(root, "native", "include"), "-o", program, Path.Combine(root, "tests", "ReaderKit.Benchmarks", "Native", "status_bench.c"), "-L", work, "-lreaderkit", "-Wl,-rpath,$ORIGIN"]);

            var hostDll = Path.Combine(root, "tests", "ReaderKit.RpcTestHost", "bin", "Release", "net10.0", "ReaderKit.RpcTestHost.dll");
            host = Start("dotnet", [hostDll, "--dir", Path.Combine(work, "host")]);
            using var ready = JsonDocument.Parse(await host.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the host did not start"));
            var socket = ready.RootElement.GetProperty("socket").GetString()!;

            bench = Start(program, [socket]);
            if (await bench.StandardOutput.ReadLineAsync() != "ready")
            {
                throw new InvalidOperationException("status_bench did not connect: " + await bench.StandardError.ReadToEndAsync());
            }

            await using var client = await ReaderKitClient.ConnectAsync(new ReaderKitClientOptions { Endpoint = ReaderKitEndpoint.Unix(socket), ClientName = "native-bench-sdk" });
            await MeasureCAsync(bench, 500);     // warm-up both paths
            await MeasureSdkAsync(client, 500);
            var c = new List<(double P50, double P99, double Mean)>();
            var sdk = new List<(double P50, double P99, double Mean)>();
            for (var r = 0; r < rounds; r++)
            {
                c.Add(await MeasureCAsync(bench, calls));
                sdk.Add(await MeasureSdkAsync(client, calls));
            }

            var ratios = c.Zip(sdk, (x, y) => x.P50 / y.P50).Order().ToList();
            var row = new Dictionary<string, object>
            {
                ["c_p50_us"] = Math.Round(Median(c.Select(x => x.P50)), 1),
                ["c_p99_us"] = Math.Round(Median(c.Select(x => x.P99)), 1),
                ["c_mean_us"] = Math.Round(Median(c.Select(x => x.Mean)), 1),
                ["sdk_p50_us"] = Math.Round(Median(sdk.Select(x => x.P50)), 1),
                ["sdk_p99_us"] = Math.Round(Median(sdk.Select(x => x.P99)), 1),
                ["sdk_mean_us"] = Math.Round(Median(sdk.Select(x => x.Mean)), 1),
                ["ratio_p50"] = Math.Round(ratios[ratios.Count / 2], 3),
                ["ratio_p50_min"] = Math.Round(ratios[0], 3),
                ["ratio_p50_max"] = Math.Round(ratios[^1], 3),
                ["rounds"] = rounds,
                ["calls_per_round"] = calls,
                ["load_average"] = File.ReadAllText("/proc/loadavg").Split(' ')[0],
            };
            foreach (var rid in new[] { "linux-x64", "linux-arm64" })
            {
                var path = Path.Combine(root, "native", "build", rid, "libreaderkit.so");
                row["size_" + rid.Replace('-', '_')] = File.Exists(path) ? new FileInfo(path).Length : -1;
            }

            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(row));
            }
            else
            {
                foreach (var (key, value) in row)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key,-16} {value}"));
                }
            }

            await bench.StandardInput.WriteLineAsync("0");
            bench.StandardInput.Close();
            await bench.WaitForExitAsync();
            return 0;
        }
        finally
        {
            Stop(bench);
            Stop(host);
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(double P50, double P99, double Mean)> MeasureCAsync(Process bench, int calls)
    {
        await bench.StandardInput.WriteLineAsync(calls.ToString(CultureInfo.InvariantCulture));
        await bench.StandardInput.FlushAsync();
        var line = await bench.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("status_bench ended: " + await bench.StandardError.ReadToEndAsync());
        var parts = line.Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture) / 1000).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    private static async Task<(double P50, double P99, double Mean)> MeasureSdkAsync(ReaderKitClient client, int calls)
    {
        var samples = new double[calls];
        var total = 0.0;
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await client.GetStatusAsync();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            total += samples[i];
        }

        Array.Sort(samples);
        return (samples[calls / 2], samples[calls * 99 / 100], total / calls);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static Process Start(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
    }

    private static async Task RunToEndAsync(string file, string[] args)
    {
        using var process = Start(file, args);
        process.StandardInput.Close();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(file + " failed: " + errors);
        }
    }

    private static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    internal static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReaderKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ReaderKit.sln not found");
    }

    private static double Arg(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
