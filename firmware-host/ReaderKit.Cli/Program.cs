using System.CommandLine;
using ReaderKit.Cli;

// The `readerkit` tool. Each verb is an ICliCommand in its own file (see CliCommands.cs).
var root = new RootCommand("readerkit — offline My Number Card reader: verification, dumps and face evaluation.");
foreach (var verb in CliCommands.All())
{
    root.Subcommands.Add(verb.Build());
}

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
