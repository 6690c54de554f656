using ReaderKit.Host;
using ReaderKit.Host.Composition;
using ReaderKit.Host.Reader;

// readerkit-host: the reader service (systemd Type=notify). See README.md for configuration keys and exit codes.
// The composition root chooses the real reader or the simulated world (Reader:Simulation:Enabled); nothing below it does.
// Before anything allocates from many threads: glibc's per-thread arenas would let the native heap creep up tap after tap.
MemoryRelease.LimitNativeArenas();
return await ReaderHost.RunAsync(HostComposition.Compose(ReaderHost.CreateBuilder(args)).Build()).ConfigureAwait(false);
