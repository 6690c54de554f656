using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReaderKit.Host;
using ReaderKit.Host.Composition;
using ReaderKit.Host.Reader;

// readerkit-host: the reader service (systemd Type=notify). See README.md for configuration keys and exit codes.
// The composition root chooses the real reader or the simulated world (Reader:Simulation:Enabled); nothing below it does.
// Process-wide limits first (ProcessLimits, MemoryRelease; docs/benchmarks.md, host section): glibc arenas before anything allocates from many threads, then the
// thread pool's worker count; unbounded, both let the native heap creep up tap after tap.
var arenasCappedLate = MemoryRelease.LimitNativeArenas();
var host = HostComposition.Compose(ReaderHost.CreateBuilder(args)).Build();
ProcessLimits.Apply(host.Services);
if (arenasCappedLate)
{
    host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ReaderKit.Host.MemoryRelease").LogInformation(
        "MALLOC_ARENA_MAX is not set: glibc arenas are capped from now on, but those the runtime made before start stay (about 30 MB more resident); the systemd unit sets MALLOC_ARENA_MAX=2");
}

return await ReaderHost.RunAsync(host).ConfigureAwait(false);
