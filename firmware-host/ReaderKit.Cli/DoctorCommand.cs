using System.CommandLine;
using ReaderKit.Host.Tools;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit doctor [--json]</c>: one OK/WARN/FAIL line per check (PN532 link and firmware, card field, camera,
/// face models, journal health, trust-store dates, clock) with the fix. Exit 0 all OK, 1 a WARN, 2 a FAIL.
/// </summary>
internal sealed class DoctorCommand : ICliCommand
{
    public Command Build()
    {
        var config = new HostConfigOption();
        var json = new Option<bool>("--json") { Description = "One JSON object per line: {name, status, detail, fix}" };
        var command = new Command("doctor", "Diagnose the installation: reader, camera, models, journal, trust store, clock.");
        config.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            var settings = config.Load(parse);
            if (settings is null)
            {
                return ToolExitCodes.InvalidInput;
            }

            // The PN532 and camera probes are supplied by the tap library's adapters once it is wired in.
            var checks = DoctorTool.Checks(settings, reader: null, camera: null, TimeProvider.System);
            return await DoctorTool.RunAsync(checks, parse.GetValue(json), Console.Out, ct).ConfigureAwait(false);
        });
        return command;
    }
}
