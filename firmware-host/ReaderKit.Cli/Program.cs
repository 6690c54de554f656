using ReaderKit.Cli;

// The `readerkit` tool: the verbs listed in CliCommands.All(), each in its own file.
return await CliCommands.RunAsync(args).ConfigureAwait(false);
