using System.Diagnostics;
using System.Globalization;
using ReaderKit.Face.Models;
using ReaderKit.Face.Verification;
using ReaderKit.Jpeg2000;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCamera.Kiosk;

namespace ReaderKit.Benchmarks;

/// <summary>
/// <c>pad [--holders 0,1,2] [--seeds N]</c>: presentation-attack error rates of <see cref="FaceVerifier"/> on the virtual kiosk camera
/// (ISO/IEC 30107-3 terms, synthetic presentations only). For each holder face and seed: the live holder (bona fide → BPCER), each
/// attack species showing the holder (print still / waved / tilted / bent, tablet replay → APCER per species), and the next holder's
/// live face against this holder's chip photo (zero-effort impostor). Challenges are drawn by the verifier (cryptographic RNG), so
/// runs differ; the verifier's default options are used. Prints one table row per species with the rejection reasons.
/// </summary>
internal sealed class PadBenchmark : IBenchmarkWorkload
{
    private static readonly KioskPresentation[] Attacks =
        [KioskPresentation.PrintStill, KioskPresentation.PrintWaved, KioskPresentation.PrintTilted, KioskPresentation.PrintBent, KioskPresentation.ScreenReplay];

    public string Name => "pad";

    public async Task<int> RunAsync(string[] args)
    {
        var holders = (Arg(args, "--holders") ?? "0,1,2,4,6,7").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var seeds = int.Parse(Arg(args, "--seeds") ?? "1", CultureInfo.InvariantCulture);
        var models = FaceModelFiles.Locate().Directory;
        using var verifier = new FaceVerifier(new FaceVerifierOptions { StepTimeout = TimeSpan.FromSeconds(30) }, models);
        var rows = new Dictionary<string, List<FaceVerification>>(StringComparer.Ordinal);
        var totals = new List<double>();
        async Task Run(string row, KioskPresentation presentation, int shown, int holder, int seed)
        {
            var chip = Jp2Codec.Encode(new ChipPhotoFactory().Portrait(SampleFaces.All[holder]), new Jp2EncodeOptions { CompressionRatio = 30 });
            await using var camera = new VirtualKioskCamera(presentation, SampleFaces.All[shown], models, seed);
            var sw = Stopwatch.StartNew();
            var r = await verifier.VerifyAsync(camera, camera, Task.FromResult<byte[]?>(chip), CancellationToken.None).ConfigureAwait(false);
            totals.Add(sw.Elapsed.TotalSeconds);
            (rows.TryGetValue(row, out var list) ? list : rows[row] = []).Add(r);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row} holder {holder} seed {seed}: {r.Outcome} — {r.Reason} [{string.Join(", ", r.Prompts)}] {sw.Elapsed.TotalSeconds:0.0} s; {string.Join("; ", r.Checks.Where(c => c.Name is "parallax" or "challenge" or "mesh-motion" or "match").Select(c => $"{c.Name}: {c.Detail}"))}"));
        }

        for (var i = 0; i < holders.Length; i++)
        {
            for (var seed = 1; seed <= seeds; seed++)
            {
                await Run("bona fide (live holder)", KioskPresentation.LiveHead, holders[i], holders[i], seed).ConfigureAwait(false);
                foreach (var attack in Attacks)
                {
                    await Run(attack.ToString(), attack, holders[i], holders[i], seed).ConfigureAwait(false);
                }

                await Run("another person (zero-effort)", KioskPresentation.LiveHead, holders[(i + 1) % holders.Length], holders[i], seed).ConfigureAwait(false);
            }
        }

        Console.WriteLine("| presentation | attempts | accepted | error rate | outcomes (reason: count) |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (row, results) in rows)
        {
            var bonaFide = row.StartsWith("bona fide", StringComparison.Ordinal);
            var errors = bonaFide ? results.Count(r => !r.Accepted) : results.Count(r => r.Accepted);
            var reasons = string.Join("; ", results.GroupBy(r => r.Reason).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Count()}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row} | {results.Count} | {results.Count(r => r.Accepted)} | {(bonaFide ? "BPCER" : row.StartsWith("another", StringComparison.Ordinal) ? "accepted" : "APCER")} {errors * 100.0 / results.Count:0}% | {reasons} |"));
        }

        var sorted = totals.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"attempts {sorted.Length}, wall time per attempt median {sorted[sorted.Length / 2]:0.0} s (min {sorted[0]:0.0}, max {sorted[^1]:0.0}); load average {LoadAverage()}"));
        return 0;
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
