using System.CommandLine;
using ReaderKit.Host.Tools;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit status [--json]</c>: the running host's state, mode, LED, journal count and faults, from the status
/// file it keeps (until the RPC server's status method replaces that transport). Exit 0 running and healthy, 1 running
/// with faults, 3 not running.
/// </summary>
internal sealed class StatusCommand : ICliCommand
{
    public Command Build()
    {
        var config = new HostConfigOption();
        var json = new Option<bool>("--json") { Description = "Print the status record as JSON" };
        var file = new Option<FileInfo?>("--status-file") { Description = "The status file (default: Reader:StatusFile of the host configuration)" };
        var command = new Command("status", "Is the reader host running, in which mode, with which faults.");
        config.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(file);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)?.FullName ?? config.Load(parse)?.Reader.StatusFile;
            return path is null ? ToolExitCodes.InvalidInput : StatusTool.Run(path, parse.GetValue(json), Console.Out, TimeProvider.System);
        });
        return command;
    }
}
