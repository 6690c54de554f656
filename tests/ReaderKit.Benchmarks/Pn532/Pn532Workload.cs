using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Benchmarks.Pn532;

/// <summary>
/// <c>pn532 [--json] [--quick] [--link NAME] [--repeat N] [--soak N [--parallel]] [--chunks]</c>: paced emulator, per link,
/// ReaderKit's card layer + driver (<c>readerkit</c>: extended Le where the card declares it), the same with short Le only
/// (<c>readerkit-ne256</c>, the behaviour before extended length), the stock Iot.Device.Pn532 driver (raw APDUs, Le 0xFA) and
/// the physical floor (link bytes + RF + card time from the emulator's timing model). Each row is the median of N runs
/// (default 3), all drivers interleaved. <c>--chunks</c> adds the extended-Ne study (<c>readerkit-extN</c>). Every run ends with
/// the Type A rows of the smartphone persona (<see cref="Pn532PhoneRows"/>); <c>--type-a-only</c> runs only those.
/// </summary>
internal sealed class Pn532Workload : IBenchmarkWorkload
{
    public string Name => "pn532";

    public async Task<int> RunAsync(string[] args)
    {
        var json = args.Contains("--json");
        var quick = args.Contains("--quick");
        var linkIndex = Array.IndexOf(args, "--link");
        var linkFilter = linkIndex >= 0 && linkIndex + 1 < args.Length ? args[linkIndex + 1] : "";
        var soakIndex = Array.IndexOf(args, "--soak");
        if (soakIndex >= 0)
        {
            var n = soakIndex + 1 < args.Length && int.TryParse(args[soakIndex + 1], CultureInfo.InvariantCulture, out var v) ? v : 1000;
            return await Pn532Soak.RunAsync(n, quick, args.Contains("--parallel"), linkFilter).ConfigureAwait(false);
        }

        var repeatIndex = Array.IndexOf(args, "--repeat");
        var repeat = repeatIndex >= 0 && repeatIndex + 1 < args.Length && int.TryParse(args[repeatIndex + 1], CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 3;
        var rows = new List<Pn532Row>();
        var ratios = new List<(string Link, string Workload, double VsNe256, double AlternativeVsNe256, double VsStock)>();
        var typeAOnly = args.Contains("--type-a-only");
        var workloads = typeAOnly ? [] : Pn532Scenarios.Workloads(quick);
        foreach (var link in Pn532Scenarios.Links.Where(l => l.Name.Contains(linkFilter, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var workload in workloads)
            {
                // Ours (extended Le where the card declares it), ours with short Le only (today's behaviour: the
                // readerkit-ne256 row) and stock alternate, so all see the same load; each row is the median of the repeats.
                var ours = new List<Pn532Row>();
                var ne256 = new List<Pn532Row>();
                var alternative = new List<Pn532Row>();
                var stock = new List<Pn532Row>();
                for (var i = 0; i < repeat; i++)
                {
                    ours.Add(await OrFailedAsync(link, workload, link.Driver, () => Pn532Scenarios.RunReaderKitAsync(link, workload, chunk: null)).ConfigureAwait(false));
                    if (link.Driver == "readerkit")
                    {
                        ne256.Add(await OrFailedAsync(link, workload, link.Driver + Pn532Scenarios.Ne256Suffix, () => Pn532Scenarios.RunReaderKitAsync(link, workload, chunk: null, extendedMaxNe: 0, driver: link.Driver + Pn532Scenarios.Ne256Suffix, ownIsoDep: false)).ConfigureAwait(false));

                        // The ISO-DEP the default does not use: the driver's own (FSD 256) or the chip's (FSD 64).
                        var own = !new ReaderKit.Nfc.Pn532TransportOptions().OwnIsoDep;
                        var name = link.Driver + (own ? Pn532Scenarios.OwnIsoDepSuffix : Pn532Scenarios.ChipIsoDepSuffix);
                        alternative.Add(await OrFailedAsync(link, workload, name, () => Pn532Scenarios.RunReaderKitAsync(link, workload, chunk: null, driver: name, ownIsoDep: own)).ConfigureAwait(false));
                    }

                    if (link.StockSupported && workload.StockChunk is not null)
                    {
                        stock.Add(Pn532Scenarios.RunStock(link, workload));
                    }
                }

                rows.Add(Median(ours));
                if (ne256.Count > 0)
                {
                    rows.Add(Median(ne256));
                    rows.Add(Median(alternative));
                    ratios.Add((link.Name, workload.Name, Median(ours).Seconds / Median(ne256).Seconds, Median(alternative).Seconds / Median(ne256).Seconds, stock.Count > 0 ? Median(ours).Seconds / Median(stock).Seconds : double.NaN));
                }

                if (stock.Count > 0)
                {
                    rows.Add(Median(stock));
                }

                if (link.Driver == "readerkit")
                {
                    var measured = ours.FirstOrDefault(r => !r.Failed) ?? ours[0];
                    rows.Add(measured with { Driver = "floor", Seconds = measured.FloorSeconds });
                }

                if (!json)
                {
                    Console.Error.Write('.');
                }
            }
        }

        // Type A rows: the smartphone persona's activation (B-then-A polling round) and JPKI authentication, per readerkit link.
        foreach (var link in Pn532Scenarios.Links.Where(l => l.Driver == "readerkit" && l.Name.Contains(linkFilter, StringComparison.OrdinalIgnoreCase)))
        {
            var activations = new List<Pn532Row>();
            var auths = new List<Pn532Row>();
            for (var i = 0; i < repeat; i++)
            {
                var (activation, jpki) = await Pn532PhoneRows.RunAsync(link).ConfigureAwait(false);
                activations.Add(activation);
                auths.Add(jpki);
            }

            rows.Add(Median(activations));
            rows.Add(Median(auths));
            rows.Add(auths[0] with { Driver = "floor", Seconds = auths[0].FloorSeconds });
        }

        if (args.Contains("--chunks"))
        {
            // The extended Ne study: the production card layer with each offered extended Ne, both workloads.
            foreach (var link in Pn532Scenarios.Links.Where(l => l.Driver == "readerkit" && l.Name.Contains(linkFilter, StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var workload in workloads)
                {
                    foreach (var ne in new[] { 512, 1024, 2048, 4096 })
                    {
                        var runs = new List<Pn532Row>();
                        for (var i = 0; i < repeat; i++)
                        {
                            runs.Add(await Pn532Scenarios.RunReaderKitAsync(link, workload, chunk: null, extendedMaxNe: ne, driver: $"readerkit-ext{ne}").ConfigureAwait(false));
                        }

                        rows.Add(Median(runs));
                    }
                }
            }
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(rows.Select(r => new Dictionary<string, object>
            {
                ["link"] = r.Link,
                ["workload"] = r.Workload,
                ["driver"] = r.Driver,
                ["seconds"] = Math.Round(r.Seconds, 4),
                ["floor_seconds"] = double.IsNaN(r.FloorSeconds) ? -1 : Math.Round(r.FloorSeconds, 4),
            }), new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Console.Error.WriteLine();
            Console.WriteLine("| link | workload | driver | seconds | floor s | × floor | APDUs |");
            Console.WriteLine("|---|---|---|---:|---:|---:|---:|");
            foreach (var r in rows)
            {
                Console.WriteLine(double.IsNaN(r.FloorSeconds)
                    ? string.Create(CultureInfo.InvariantCulture, $"| {r.Link} | {r.Workload} | {r.Driver} | {r.Seconds:0.000} | – | – | {r.Apdus} |")
                    : string.Create(CultureInfo.InvariantCulture, $"| {r.Link} | {r.Workload} | {r.Driver} | {r.Seconds:0.000} | {r.FloorSeconds:0.000} | {r.Seconds / r.FloorSeconds:0.00} | {r.Apdus} |"));
            }

            Console.WriteLine();
            var alternativeName = new ReaderKit.Nfc.Pn532TransportOptions().OwnIsoDep ? "readerkit" + Pn532Scenarios.ChipIsoDepSuffix : "readerkit" + Pn532Scenarios.OwnIsoDepSuffix;
            Console.WriteLine($"| link | workload | readerkit ÷ readerkit-ne256 | {alternativeName} ÷ readerkit-ne256 | readerkit ÷ stock |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            foreach (var (l, w, vsNe256, alternativeVsNe256, vsStock) in ratios)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {l} | {w} | {vsNe256:0.000} | {alternativeVsNe256:0.000} | {(double.IsNaN(vsStock) ? "–" : vsStock.ToString("0.000", CultureInfo.InvariantCulture))} |"));
            }
        }

        return rows.Any(r => r.Failed) ? 1 : 0;
    }

    /// <summary>One ReaderKit run; a failure is reported and counted (the row is marked failed), not fatal to the table.</summary>
    private static async Task<Pn532Row> OrFailedAsync(Pn532LinkSetup link, Pn532Scenario workload, string driver, Func<Task<Pn532Row>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every failure of a run is reported in the table.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"{driver} failed on {link.Name}/{workload.Name}: {ex.GetType().Name}: {ex.Message}");
            return new Pn532Row(link.Name, workload.Name, driver, double.NaN, double.NaN, 0, Failed: true);
        }
    }

    /// <summary>The run with the median time; the row is failed if any run failed.</summary>
    private static Pn532Row Median(List<Pn532Row> runs) =>
        runs.OrderBy(r => r.Failed).ThenBy(r => r.Seconds).ElementAt((runs.Count - 1) / 2) with { Failed = runs.Any(r => r.Failed) };
}

/// <summary>One benchmark result.</summary>
internal sealed record Pn532Row(string Link, string Workload, string Driver, double Seconds, double FloorSeconds, int Apdus, bool Failed = false);
