namespace ReaderKit.Benchmarks.Pn532;

/// <summary>Repeats the 20 KiB read N times round-robin across the links (paced) and counts failed reads.</summary>
internal static class Pn532Soak
{
    public static async Task<int> RunAsync(int repetitions, bool quick)
    {
        var scenario = Pn532Scenarios.Workloads(quick)[0];
        var failures = 0;
        var links = Pn532Scenarios.Links.Where(l => l.Driver == "readerkit").ToList();
        var perLink = links.ToDictionary(l => l.Name, _ => (Runs: 0, Failures: 0));
        for (var i = 0; i < repetitions; i++)
        {
            var link = links[i % links.Count];
            var (runs, fails) = perLink[link.Name];
            try
            {
                await Pn532Scenarios.RunReaderKitAsync(link, scenario, chunk: null).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The soak counts every failure, whatever its type.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                fails++;
                Console.WriteLine($"run {i + 1} on {link.Name}: {ex.GetType().Name}: {ex.Message}");
            }

            perLink[link.Name] = (runs + 1, fails);
        }

        foreach (var (name, (runs, fails)) in perLink)
        {
            Console.WriteLine($"{name}: {runs} runs, {fails} failed");
        }

        Console.WriteLine($"soak: {repetitions} reads of {scenario.Name}, {failures} failed");
        return failures == 0 ? 0 : 1;
    }
}
