using ReaderKit.Host;
using ReaderKit.Host.Composition;

// readerkit-host: the reader service (systemd Type=notify). See README.md for configuration keys and exit codes.
// The composition root chooses the real reader or the simulated world (Reader:Simulation:Enabled); nothing below it does.
return await ReaderHost.RunAsync(HostComposition.Compose(ReaderHost.CreateBuilder(args)).Build()).ConfigureAwait(false);
