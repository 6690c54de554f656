using System.CommandLine;

namespace ReaderKit.Cli;

/// <summary>One verb of the `readerkit` tool.</summary>
internal interface ICliCommand
{
    Command Build();
}

internal static class CliCommands
{
    /// <summary>Every verb, listed explicitly (no reflection: trimming- and AOT-safe), ordered by name so `--help` is stable.</summary>
    public static IReadOnlyList<ICliCommand> All() =>
    [
        new DemoCommand(),
        new DoctorCommand(),
        new FaceChallengeCommand(),
        new FaceEvalCommand(),
        new FormCommand(),
        new JournalCommand(),
        new PairCommand(),
        new PhoneCommand(),
        new ProbeCommand(),
        new StatusCommand(),
        new VerifyCommand(),
        new VerifyDumpCommand(),
    ];

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("readerkit — offline My Number Card reader: verification, dumps and face evaluation.");
        foreach (var verb in All())
        {
            root.Subcommands.Add(verb.Build());
        }

        return root;
    }

    /// <summary>Parses and runs; a command line that does not parse is bad input (exit 2, like every other input error).</summary>
    public static async Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = Root().Parse(args);
        if (parse.Errors.Count > 0)
        {
            var error = configuration?.Error ?? Console.Error;
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync("readerkit: " + e.Message).ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }

        return configuration is null ? await parse.InvokeAsync().ConfigureAwait(false) : await parse.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
