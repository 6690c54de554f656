using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Logging;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Paperwork;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Rpc;
using ReaderKit.Host.Status;
using ReaderKit.Host.Systemd;

namespace ReaderKit.Host;

/// <summary>
/// Builds and runs the reader host. Configuration, lowest to highest precedence: <c>appsettings.json</c> beside the
/// program, <c>/etc/readerkit/appsettings.json</c> (or the file named by <c>READERKIT_CONFIG</c>), environment
/// variables prefixed <c>READERKIT_</c> (<c>READERKIT_Journal__RetentionDays=30</c>), then the command line
/// (<c>--Journal:RetentionDays=30</c>).
/// </summary>
public static class ReaderHost
{
    /// <summary>Exit code for invalid configuration (sysexits EX_CONFIG; the unit's <c>RestartPreventExitStatus</c>).</summary>
    public const int ExitConfigurationInvalid = 78;

    /// <summary>Exit code when the journal or the key file cannot be opened (sysexits EX_CANTCREAT).</summary>
    public const int ExitJournalUnavailable = 73;

    /// <summary>The system-wide configuration file.</summary>
    public const string SystemConfigFile = "/etc/readerkit/appsettings.json";

    /// <summary>A builder with configuration, logging and every host service registered. Callers may add configuration and replace services before <c>Build()</c>.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
            ApplicationName = "readerkit-host",
        });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(environment("READERKIT_CONFIG") ?? SystemConfigFile, optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("READERKIT_")
            .AddCommandLine(args);
        ConfigureLogging(builder.Logging, builder.Configuration, environment("JOURNAL_STREAM") is not null);
        AddReaderHostServices(builder.Services, builder.Configuration, environment);
        return builder;
    }

    /// <summary>Registers options (validated at start), the journal, GPIO, outage monitor, systemd and status services.</summary>
    public static IServiceCollection AddReaderHostServices(IServiceCollection services, IConfiguration configuration, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        environment ??= Environment.GetEnvironmentVariable;
        // Non-generic Bind calls so the configuration-binding source generator emits the binding code (no reflection).
        services.AddOptions<ReaderOptions>().Bind(configuration.GetSection(ReaderOptions.SectionName)).ValidateOnStart();
        services.AddOptions<JournalOptions>().Bind(configuration.GetSection(JournalOptions.SectionName)).ValidateOnStart();
        services.AddOptions<OutageOptions>().Bind(configuration.GetSection(OutageOptions.SectionName)).ValidateOnStart();
        services.AddOptions<IndicatorOptions>().Bind(configuration.GetSection(IndicatorOptions.SectionName)).ValidateOnStart();
        services.AddOptions<PaperworkOptions>().Bind(configuration.GetSection(PaperworkOptions.SectionName)).ValidateOnStart();
        services.AddOptions<RpcOptions>().Bind(configuration.GetSection(RpcOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReaderOptions>, ReaderOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JournalOptions>, JournalOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutageOptions>, OutageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IndicatorOptions>, IndicatorOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaperworkOptions>, PaperworkOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RpcOptions>, RpcOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecretRedactor>();
        services.TryAddSingleton(_ => MessageCatalogue.LoadEmbedded());
        services.TryAddSingleton(_ => new SystemdNotifier(environment));
        services.TryAddSingleton<WatchdogHeartbeat>();
        services.TryAddSingleton<IGpioControllerFactory, SystemGpioControllerFactory>();
        services.TryAddSingleton<HostGpio>();
        services.TryAddSingleton<StatusIndicator>();
        services.TryAddSingleton<PowerFailInput>();
        services.TryAddSingleton<HostHealth>();
        services.TryAddSingleton(sp => ReachabilityProbes.Create(sp.GetRequiredService<IOptions<OutageOptions>>().Value)!);
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<JournalOptions>>().Value;
            return DeviceKeyRing.OpenOrCreate(o.KeyFile, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<JournalOptions>>().Value;
            return TapJournal.Open(o.Path, sp.GetRequiredService<DeviceKeyRing>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IOptions<ReaderOptions>>().Value.DeviceId, o.KeepPersonalFields, sp.GetRequiredService<SecretRedactor>());
        });
        services.TryAddSingleton(sp => new OutagePaperwork(
            sp.GetRequiredService<TapJournal>(), sp.GetRequiredService<DeviceKeyRing>(), sp.GetRequiredService<IOptions<PaperworkOptions>>().Value));
        services.TryAddSingleton<ReaderEventHub>();
        services.TryAddSingleton<ReaderStateMachine>();
        services.TryAddSingleton<IReaderStateSource>(sp => sp.GetService<ITapRunner>() is null || sp.GetService<ICardField>() is null
            ? new UnwiredReaderState()
            : sp.GetRequiredService<ReaderStateMachine>());
        services.TryAddSingleton<OutageMonitor>();
        services.TryAddSingleton<JournalRetentionService>();
        services.TryAddSingleton<HostStatusWriter>();
        services.TryAddSingleton<SystemdLifecycleService>();
        services.TryAddSingleton<HostReaderService>();
        services.TryAddSingleton<RpcHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<OutageMonitor>());
        services.AddHostedService(sp => sp.GetRequiredService<JournalRetentionService>());
        services.AddHostedService(sp => sp.GetRequiredService<HostStatusWriter>());
        services.AddHostedService<ReaderLoopService>();
        services.AddHostedService(sp => sp.GetRequiredService<RpcHostedService>());
        services.AddHostedService(sp => sp.GetRequiredService<SystemdLifecycleService>());
        return services;
    }

    /// <summary>
    /// Validates every options section (all failures at once, one line each), opens the journal, then runs the host
    /// until it is stopped. Returns the process exit code.
    /// </summary>
    public static async Task<int> RunAsync(IHost host, TextWriter? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        errors ??= Console.Error;
        var failures = ValidateAll(host.Services);
        if (failures.Count > 0)
        {
            await errors.WriteLineAsync("readerkit-host: the configuration is invalid:").ConfigureAwait(false);
            foreach (var f in failures)
            {
                await errors.WriteLineAsync("  - " + f).ConfigureAwait(false);
            }

            return ExitConfigurationInvalid;
        }

        try
        {
            host.Services.GetRequiredService<TapJournal>();
        }
        catch (Exception e) when (e is DeviceKeyException or JournalUnavailableException)
        {
            await errors.WriteLineAsync("readerkit-host: " + e.Message).ConfigureAwait(false);
            return ExitJournalUnavailable;
        }

        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Every configuration problem, one message per bad setting (binding errors included).</summary>
    public static IReadOnlyList<string> ValidateAll(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var failures = new List<string>();
        Check<ReaderOptions>(services, failures);
        Check<JournalOptions>(services, failures);
        Check<OutageOptions>(services, failures);
        Check<IndicatorOptions>(services, failures);
        Check<PaperworkOptions>(services, failures);
        Check<RpcOptions>(services, failures);
        return failures;
    }

    private static void Check<T>(IServiceProvider services, List<string> failures)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the target type ("Failed to convert configuration value at 'X' ...").
            failures.Add(e.Message);
        }
    }

    private static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration, bool journald)
    {
        logging.AddConfiguration(configuration.GetSection("Logging"));
        if (journald)
        {
            // stdout goes to journald: priority prefixes, no timestamps (journald adds them).
            logging.AddSystemdConsole();
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.UseUtcTimestamp = false;
            });
        }

        AddLogRedaction(logging.Services);
    }

    /// <summary>Wraps every registered logger provider so that each message, structured value and exception text is redacted by <see cref="SecretRedactor"/>.</summary>
    public static void AddLogRedaction(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SecretRedactor>();
        var providers = services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList();
        foreach (var descriptor in providers)
        {
            services.Remove(descriptor);
            services.AddSingleton<ILoggerProvider>(sp => new RedactingLoggerProvider(CreateInner(sp, descriptor), sp.GetRequiredService<SecretRedactor>()));
        }
    }

    private static ILoggerProvider CreateInner(IServiceProvider sp, ServiceDescriptor d) =>
        d.ImplementationInstance as ILoggerProvider
        ?? (d.ImplementationFactory is { } f ? (ILoggerProvider)f(sp) : (ILoggerProvider)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
}
