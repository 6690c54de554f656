using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;

namespace ReaderKit.Host.Reader;

/// <summary>
/// Process-wide limits the reader service sets for itself at start (<c>readerkit-host</c>'s entry point, never a host
/// embedded in another process such as the tests or <c>readerkit demo</c>): the most thread-pool workers
/// (<c>Reader:MaxWorkerThreads</c>). The pool adds a worker every half second while its work items run long (a face step's
/// capture loop, a signature check, a synchronous bus read) and keeps those it uses; each worker that ran inference, image
/// or SQLite code keeps per-thread native memory, so an unbounded pool lets the resident size climb tap after tap
/// (≈ 1 MB per worker; 21 → 46 workers over 560 simulated taps on 2 cores, <c>docs/benchmarks.md</c>, host section).
/// </summary>
public static class ProcessLimits
{
    /// <summary>The worker limit for a configured value (0: four per processor, at least eight).</summary>
    public static int WorkerThreadsFor(int configured, int processors) =>
        configured > 0 ? configured : Math.Max(8, 4 * Math.Max(1, processors));

    /// <summary>Sets the thread pool's most worker threads (never below its minimum); I/O completion threads are left alone.</summary>
    /// <returns>The limit in force, or null when the pool refused it.</returns>
    public static int? LimitWorkerThreads(int max)
    {
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        ThreadPool.GetMaxThreads(out _, out var maxIo);
        var limit = Math.Max(max, minWorkers);
        return ThreadPool.SetMaxThreads(limit, maxIo) ? limit : null;
    }

    /// <summary>
    /// Applies <c>Reader:MaxWorkerThreads</c> from <paramref name="services"/>. Invalid options are left to
    /// <see cref="ReaderHost.RunAsync"/>, which reports every bad setting and exits; nothing is changed then.
    /// </summary>
    /// <returns>The limit in force, or null when nothing was changed.</returns>
    public static int? Apply(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ReaderOptions options;
        try
        {
            options = services.GetRequiredService<IOptions<ReaderOptions>>().Value;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            return null;
        }

        return LimitWorkerThreads(WorkerThreadsFor(options.MaxWorkerThreads, Environment.ProcessorCount));
    }
}
