using System.CommandLine;
using ReaderKit.Contracts;
using ReaderKit.Tap;

namespace ReaderKit.Cli.Reader;

/// <summary>
/// What the tapping verbs (<c>verify</c>, <c>phone</c>) declare alike: the reader link (<see cref="ReaderLinkOptions"/>,
/// listed first), the tap policy (<see cref="TapPolicyOptions"/>) and <c>--json</c>; <see cref="CreateCommand"/> builds the
/// verb with the link options first and then the verb's options in the order given (the help text's order), and
/// <see cref="WriteVerdictErrorAsync"/> writes the one standard-error line both print for a refused or failed tap. The
/// option names, descriptions and defaults are command-line contracts (pinned by the CLI tests).
/// </summary>
internal sealed class TapVerbOptions(string trustDescription, string testAnchorsDescription, string waitedFor)
{
    public ReaderLinkOptions Link { get; } = new();

    public TapPolicyOptions Policy { get; } = new(trustDescription, testAnchorsDescription, waitedFor);

    public Option<bool> Json { get; } = new("--json") { Description = "Print the JSON report instead of text." };

    /// <summary>The verb with the link options, then <paramref name="options"/> in the order given.</summary>
    public Command CreateCommand(string name, string description, params Option[] options)
    {
        var command = new Command(name, description);
        Link.AddTo(command);
        foreach (var o in options)
        {
            command.Options.Add(o);
        }

        return command;
    }

    /// <summary>
    /// For a refused credential <c>VERB: credential refused: MESSAGE</c>, for a reader error or a cancelled tap
    /// <c>VERB: ERRORNAME: MESSAGE</c>; nothing for any other verdict.
    /// </summary>
    public static async Task WriteVerdictErrorAsync(TextWriter error, string verb, TapVerdict verdict)
    {
        if (verdict.Kind is VerdictKind.CredentialRefused)
        {
            await error.WriteLineAsync($"{verb}: credential refused: {verdict.Message}").ConfigureAwait(false);
        }
        else if (verdict.Kind is VerdictKind.ReaderError or VerdictKind.Cancelled)
        {
            await error.WriteLineAsync($"{verb}: {ErrorCodes.NameOf(verdict.Error)}: {verdict.Message}").ConfigureAwait(false);
        }
    }
}
