using System.CommandLine;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Tools;

namespace ReaderKit.Cli;

/// <summary>The <c>--config FILE</c> option the host-side verbs share, and loading the host's settings from it.</summary>
internal sealed class HostConfigOption
{
    public Option<FileInfo?> Config { get; } = new("--config") { Description = "The host's configuration file (default /etc/readerkit/appsettings.json or $READERKIT_CONFIG)" };

    public void AddTo(Command command) => command.Options.Add(Config);

    /// <summary>Loads the settings, or prints every bad setting and returns null.</summary>
    public HostSettings? Load(ParseResult parse, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        try
        {
            return HostSettings.Load(parse.GetValue(Config)?.FullName, overrides);
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine("readerkit: the host configuration is invalid:");
            foreach (var failure in e.Failures)
            {
                Console.Error.WriteLine("  - " + failure);
            }

            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException)
        {
            Console.Error.WriteLine("readerkit: " + e.Message);
            return null;
        }
    }
}
