using System.Device.Gpio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Gpio;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Rpc;
using ReaderKit.Host.TapLibrary;
using ReaderKit.Simulation;

namespace ReaderKit.Host.Composition;

/// <summary>
/// The composition root's one choice between the real reader and the simulated one (<c>Reader:Simulation:Enabled</c>).
/// Everything below it is the same code either way: the simulated world (<see cref="SimulatedReaderWorld"/>: the PN532
/// emulator reached through the production I2C/SPI/HSU link classes, a virtual card persona, the virtual camera, a
/// virtual GPIO chip) is handed to the same factories and seams the hardware is. No library branches on simulation.
/// </summary>
public static partial class HostComposition
{
    /// <summary>Registers the world <c>Reader:Simulation</c> chooses on <paramref name="builder"/> (call before <c>Build()</c>).</summary>
    /// <param name="builder">The host builder from <see cref="ReaderHost.CreateBuilder"/>.</param>
    /// <param name="world">A world the caller drives (the demo verb, tests); null builds one from the configuration.</param>
    public static HostApplicationBuilder Compose(HostApplicationBuilder builder, SimulatedReaderWorld? world = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var simulation = new SimulationOptions();
        builder.Configuration.GetSection(ReaderOptions.SectionName).GetSection("Simulation").Bind(simulation);
        var hardware = new HardwareOptions();
        builder.Configuration.GetSection(ReaderOptions.SectionName).GetSection("Hardware").Bind(hardware);
        AddDevices(builder.Services, simulation.Enabled, hardware, world);
        TapWiring.AddTapLibrary(builder.Services, simulation.Enabled ? SimulatedReaderWorld.TrustJson : null, allowTestAnchors: simulation.Enabled);
        return builder;
    }

    /// <summary>
    /// The devices alone — the PN532 link factory (<c>IPn532LinkFactory</c>; for a PC/SC reader also its card link
    /// factory and field) and the camera (<c>IFrameSourceFactory</c>, when one is configured) — from the simulated world
    /// or <c>Reader:Hardware</c>. The host composes its tap library over them; <c>readerkit doctor</c> probes them.
    /// Needs <c>IOptions&lt;ReaderOptions&gt;</c> and <see cref="TimeProvider"/> registered.
    /// </summary>
    /// <param name="services">The services to register on.</param>
    /// <param name="simulation"><c>Reader:Simulation:Enabled</c>.</param>
    /// <param name="hardware"><c>Reader:Hardware</c> (its link and camera choose the factories).</param>
    /// <param name="world">A world the caller drives, or null to build one from the configuration.</param>
    public static IServiceCollection AddDevices(IServiceCollection services, bool simulation, HardwareOptions hardware, SimulatedReaderWorld? world = null)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        if (simulation)
        {
            AddSimulatedWorld(services, world);
            TapWiring.AddWorldFactories(services);
        }
        else
        {
            TapWiring.AddDeviceFactories(services, hardware.Link);
            TapWiring.AddDeviceCamera(services, hardware.Camera);
        }

        return services;
    }

    /// <summary>The simulated world behind the hardware seams, built lazily from the validated <c>Reader:Simulation</c> options.</summary>
    public static IServiceCollection AddSimulatedWorld(IServiceCollection services, SimulatedReaderWorld? world = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (world is null)
        {
            services.AddSingleton(sp =>
            {
                var reader = sp.GetRequiredService<IOptions<ReaderOptions>>().Value;
                return new SimulatedReaderWorld(WorldOptions(reader.Simulation, sp.GetRequiredService<TimeProvider>(), Directory.Exists(reader.ModelsDirectory) ? reader.ModelsDirectory : null));
            });
        }
        else
        {
            services.AddSingleton(world);
        }

        services.AddSingleton<IGpioControllerFactory>(sp => new WorldGpio(sp.GetRequiredService<SimulatedReaderWorld>()));
        services.AddSingleton<IReaderDescription>(sp => new WorldDescription(sp.GetRequiredService<SimulatedReaderWorld>()));
        services.AddHostedService(sp => new SimulatedCustomer(
            sp.GetRequiredService<SimulatedReaderWorld>(), sp.GetRequiredService<ReaderEventHub>(), sp.GetRequiredService<IOptions<ReaderOptions>>().Value.Simulation,
            sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<SimulatedCustomer>>()));
        return services;
    }

    /// <summary>The world options for the configured simulation.</summary>
    /// <param name="o">The validated <c>Reader:Simulation</c> options.</param>
    /// <param name="time">The host's clock.</param>
    /// <param name="modelDirectory">The face models the virtual camera builds its heads from (null: located).</param>
    public static SimulatedWorldOptions WorldOptions(SimulationOptions o, TimeProvider time, string? modelDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new SimulatedWorldOptions { Persona = o.Persona, Link = o.Link, Presentation = o.Presentation, Pacing = o.Pacing, TimeProvider = time, CardInFieldAtStart = false, ModelDirectory = modelDirectory };
    }

    private sealed class WorldGpio(SimulatedReaderWorld world) : IGpioControllerFactory
    {
        public GpioController Open(int chip) => new(world.Gpio);
    }

    private sealed class WorldDescription(SimulatedReaderWorld world) : IReaderDescription
    {
        public string Model => "ReaderKit (simulated PN532, virtual card and camera)";

        public string? ReaderLink => world.Link;

        public string? ReaderFirmware => "PN532 1.6 (emulated)";

        public bool CameraPresent => true;
    }

    /// <summary>
    /// With <c>AutoTap</c>: taps the persona's card when the reader asks for a card, takes it away when the reader asks for
    /// its removal. Once the host is ready it has the world make the persona's card keys in the background
    /// (<see cref="SimulatedReaderWorld.PrepareCard"/>), so neither start-up nor the first tap waits for them.
    /// </summary>
    private sealed partial class SimulatedCustomer(SimulatedReaderWorld world, ReaderEventHub events, SimulationOptions options, IHostApplicationLifetime lifetime, ILogger<SimulatedCustomer> log) : IHostedService
    {
        private IDisposable? _listener;
        private CancellationTokenRegistration _started;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.AutoTap)
            {
                _listener = events.Listen(OnEvent);
            }

            // A failure here is logged and not fatal: the first tap makes the card itself and reports what went wrong.
            _started = lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => world.PrepareCard(options.Persona)).ContinueWith(
                t => LogPrepareFailed(log, t.Exception!.GetBaseException()), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _started.Dispose();
            _listener?.Dispose();
            return Task.CompletedTask;
        }

        private void OnEvent(ReaderEvent e)
        {
            if (e.Kind != ReaderEventKind.Prompt)
            {
                return;
            }

            // A Present or RemoveCard that throws is reported by the event hub (it logs a listener's failure).
            if (e.Prompt == PromptKind.PlaceCard && world.Card is null)
            {
                world.Present(options.Persona);
            }
            else if (e.Prompt == PromptKind.RemoveCard)
            {
                world.RemoveCard();
            }
        }

        [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Simulated customer could not prepare the persona's card")]
        private static partial void LogPrepareFailed(ILogger logger, Exception exception);
    }
}
