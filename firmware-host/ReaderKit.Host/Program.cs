using ReaderKit.Host;

// readerkit-host: the reader service (systemd Type=notify). See README.md for configuration keys and exit codes.
return await ReaderHost.RunAsync(ReaderHost.CreateBuilder(args).Build()).ConfigureAwait(false);
