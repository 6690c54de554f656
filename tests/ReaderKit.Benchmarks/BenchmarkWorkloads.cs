namespace ReaderKit.Benchmarks;

/// <summary>A benchmark workload selectable by name on the command line.</summary>
internal interface IBenchmarkWorkload
{
    string Name { get; }

    Task<int> RunAsync(string[] args);
}

internal static class BenchmarkWorkloads
{
    public static IEnumerable<IBenchmarkWorkload> All() =>
        typeof(BenchmarkWorkloads).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkWorkload).IsAssignableFrom(t))
            .Select(t => (IBenchmarkWorkload)Activator.CreateInstance(t)!);
}
