using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;

namespace ReaderKit.Host.Tools;

/// <summary>
/// The host's configuration as the <c>readerkit</c> tool reads it (same files, same environment prefix, same
/// validation), so <c>journal export</c>, <c>status</c> and <c>doctor</c> look where the running host looks.
/// </summary>
public sealed record HostSettings(ReaderOptions Reader, JournalOptions Journal, OutageOptions Outage, IndicatorOptions Indicator)
{
    /// <summary>The <c>Paperwork</c> section (outage form and receipt slip).</summary>
    public PaperworkOptions Paperwork { get; init; } = new();

    /// <summary>Loads and validates, like the host: <c>appsettings.json</c> beside the program, <paramref name="configFile"/> (default the system file), <c>READERKIT_</c> environment, then <paramref name="overrides"/> (<c>Section:Key</c> → value).</summary>
    /// <exception cref="OptionsValidationException">Invalid settings, one message per bad setting in <see cref="OptionsValidationException.Failures"/>.</exception>
    public static HostSettings Load(string? configFile, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(configFile ?? Environment.GetEnvironmentVariable("READERKIT_CONFIG") ?? ReaderHost.SystemConfigFile, optional: configFile is null, reloadOnChange: false)
            .AddEnvironmentVariables("READERKIT_")
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        ReaderHost.AddReaderHostServices(services, configuration);
        using var provider = services.BuildServiceProvider();
        var failures = ReaderHost.ValidateAll(provider);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException("configuration", typeof(HostSettings), failures);
        }

        return new HostSettings(
            provider.GetRequiredService<IOptions<ReaderOptions>>().Value,
            provider.GetRequiredService<IOptions<JournalOptions>>().Value,
            provider.GetRequiredService<IOptions<OutageOptions>>().Value,
            provider.GetRequiredService<IOptions<IndicatorOptions>>().Value)
        {
            Paperwork = provider.GetRequiredService<IOptions<PaperworkOptions>>().Value,
        };
    }
}
