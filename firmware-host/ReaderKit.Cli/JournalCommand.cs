using System.CommandLine;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Tools;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit journal export --since … [--offline-only] --format jsonl|csv [--out FILE]</c> and
/// <c>readerkit journal reconcile ID… [--reference TEXT]</c>, over the journal the host writes (see the host README).
/// Exit 0 done, 2 bad input or unknown record, 3 journal or key file unavailable.
/// </summary>
internal sealed class JournalCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("journal", "The tap journal: export records for reconciliation, mark them reconciled.");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Reconcile());
        return command;
    }

    private static Command Export()
    {
        var config = new HostConfigOption();
        var since = new Option<string>("--since") { Description = "Start: YYYY-MM-DD, an ISO date-time, or relative (7d, 12h)", Required = true };
        var offline = new Option<bool>("--offline-only") { Description = "Only records made while the site was offline" };
        var format = new Option<string>("--format") { Description = "jsonl or csv", DefaultValueFactory = _ => "jsonl" };
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output" };
        var journal = new Option<FileInfo?>("--journal") { Description = "The journal file (default: Journal:Path of the host configuration); its key file is device-keys.json beside it" };
        var command = new Command("export", "Export journal records (no personal fields) as JSON lines or CSV.");
        config.AddTo(command);
        command.Options.Add(since);
        command.Options.Add(offline);
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(journal);
        command.SetAction(parse =>
        {
            if (!JournalTool.TryParseSince(parse.GetValue(since)!, TimeProvider.System.GetUtcNow(), out var from))
            {
                Console.Error.WriteLine("journal export: --since must be YYYY-MM-DD, an ISO date-time, or Nd / Nh");
                return ToolExitCodes.InvalidInput;
            }

            JournalExportFormat fmt;
            switch (parse.GetValue(format))
            {
                case "jsonl":
                    fmt = JournalExportFormat.Jsonl;
                    break;
                case "csv":
                    fmt = JournalExportFormat.Csv;
                    break;
                default:
                    Console.Error.WriteLine("journal export: --format must be jsonl or csv");
                    return ToolExitCodes.InvalidInput;
            }

            var settings = config.Load(parse, Overrides(parse.GetValue(journal)));
            if (settings is null)
            {
                return ToolExitCodes.InvalidInput;
            }

            var file = parse.GetValue(output);
            using var stream = file is null ? Console.OpenStandardOutput() : file.Create();
            return JournalTool.Export(settings.Journal, from, parse.GetValue(offline), fmt, stream, Console.Error, TimeProvider.System);
        });
        return command;
    }

    private static Command Reconcile()
    {
        var config = new HostConfigOption();
        var ids = new Argument<string[]>("record") { Description = "Record ids as printed on the paperwork (e.g. 01JH-3K5M-8Q2R-7XZW)", Arity = ArgumentArity.OneOrMore };
        var reference = new Option<string?>("--reference") { Description = "What they were reconciled against (e.g. the online check's id)" };
        var journal = new Option<FileInfo?>("--journal") { Description = "The journal file (default: Journal:Path of the host configuration); its key file is device-keys.json beside it" };
        var command = new Command("reconcile", "Mark journal records reconciled with the online eligibility system.");
        config.AddTo(command);
        command.Arguments.Add(ids);
        command.Options.Add(reference);
        command.Options.Add(journal);
        command.SetAction(parse =>
        {
            var settings = config.Load(parse, Overrides(parse.GetValue(journal)));
            return settings is null
                ? ToolExitCodes.InvalidInput
                : JournalTool.Reconcile(settings.Journal, parse.GetValue(ids)!, parse.GetValue(reference), Console.Error, TimeProvider.System);
        });
        return command;
    }

    private static Dictionary<string, string?> Overrides(FileInfo? journal)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (journal is not null)
        {
            overrides["Journal:Path"] = journal.FullName;
            overrides["Journal:KeyFile"] = Path.Combine(journal.DirectoryName ?? ".", "device-keys.json");
        }

        return overrides;
    }
}
