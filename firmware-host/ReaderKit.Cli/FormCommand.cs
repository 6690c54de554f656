using System.CommandLine;
using ReaderKit.Host.Tools;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit form --record ID --out FILE [--slip]</c>: the outage paperwork of one journal record — the A4
/// self-declaration form pre-filled from the verified, kept fields, or with <c>--slip</c> the verification receipt for a
/// 58/80 mm printer (<c>Paperwork:SlipWidthMm</c>) — written as PDF; prints the file's path. Exit 0 written, 2 bad id,
/// unknown or unverified record, or no Japanese font, 3 journal or key file unavailable.
/// </summary>
internal sealed class FormCommand : ICliCommand
{
    public Command Build()
    {
        var config = new HostConfigOption();
        var record = new Option<string>("--record") { Description = "The journal record id as printed (e.g. 01JH-3K5M-8Q2R-7XZW)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The PDF file to write (created owner-only: it holds personal data)", Required = true };
        var slip = new Option<bool>("--slip") { Description = "Write the receipt slip for a thermal printer instead of the A4 form" };
        var journal = new Option<FileInfo?>("--journal") { Description = "The journal file (default: Journal:Path of the host configuration); its key file is device-keys.json beside it" };
        var command = new Command("form", "Print the outage paperwork (self-declaration form or receipt slip) of a verified journal record as PDF.");
        config.AddTo(command);
        command.Options.Add(record);
        command.Options.Add(output);
        command.Options.Add(slip);
        command.Options.Add(journal);
        command.SetAction(parse =>
        {
            var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (parse.GetValue(journal) is { } file)
            {
                overrides["Journal:Path"] = file.FullName;
                overrides["Journal:KeyFile"] = Path.Combine(file.DirectoryName ?? ".", "device-keys.json");
            }

            var settings = config.Load(parse, overrides);
            return settings is null
                ? ToolExitCodes.InvalidInput
                : JournalTool.Form(settings.Journal, settings.Paperwork, parse.GetValue(record)!, parse.GetValue(output)!.FullName, parse.GetValue(slip), Console.Out, Console.Error, TimeProvider.System);
        });
        return command;
    }
}
