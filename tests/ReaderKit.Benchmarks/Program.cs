using ReaderKit.Benchmarks;

// `dotnet run -c Release --project tests/ReaderKit.Benchmarks -- <workload> [options]`
// Each workload is an IBenchmarkWorkload in its own file (pn532, face, ...).
var workloads = BenchmarkWorkloads.All().ToDictionary(w => w.Name, StringComparer.Ordinal);
if (args.Length == 0 || !workloads.TryGetValue(args[0], out var workload))
{
    Console.Error.WriteLine("usage: ReaderKit.Benchmarks <workload> [options]; workloads: " + string.Join(", ", workloads.Keys.Order(StringComparer.Ordinal)));
    return 2;
}

return await workload.RunAsync(args[1..]).ConfigureAwait(false);
