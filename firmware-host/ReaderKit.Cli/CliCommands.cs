using System.CommandLine;

namespace ReaderKit.Cli;

/// <summary>One verb of the `readerkit` tool.</summary>
internal interface ICliCommand
{
    Command Build();
}

internal static class CliCommands
{
    /// <summary>Every verb in this assembly, ordered by name so `--help` is stable.</summary>
    public static IEnumerable<ICliCommand> All() =>
        typeof(CliCommands).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(t))
            .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
            .OrderBy(c => c.GetType().Name, StringComparer.Ordinal);
}
