using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReaderKit.Face.Camera;
using ReaderKit.Face.Verification;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Reader;
using ReaderKit.Host.Rpc;
using ReaderKit.Nfc;
using ReaderKit.Simulation;
using ReaderKit.Tap;
using ReaderKit.Tap.Devices;
using ReaderKit.Tap.Faces;
using ReaderKit.Trust;

namespace ReaderKit.Host.TapLibrary;

/// <summary>
/// Registers the tap library behind the host's seams: one <see cref="CardTap"/> (for the service's life) inside a
/// <see cref="CardTapRunner"/>, and a <see cref="Pn532CardField"/>, both over the registered <see cref="IPn532LinkFactory"/> —
/// or, when the composition registered an <see cref="ICardLinkFactory"/> and an <see cref="ICardField"/> (a PC/SC reader),
/// over those — and (when one is registered) <see cref="IFrameSourceFactory"/>, with <see cref="FaceModelWarmup"/> loading
/// the face models while the host starts. Which factories those are is the composition root's
/// choice; this code is the same for the real reader and the simulated one.
/// </summary>
public static class TapWiring
{
    /// <summary>The PN532 driver settings the host uses (bounded ACK and command waits).</summary>
    public static Pn532Options ChipOptions { get; } = new() { AckTimeout = TimeSpan.FromSeconds(1), CommandTimeout = TimeSpan.FromSeconds(5) };

    /// <summary>Registers <see cref="ITapRunner"/> and <see cref="ICardField"/> over the tap library.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="extraTrustJson">Extra anchors (the simulator's test PKI), or null.</param>
    /// <param name="allowTestAnchors">Accept test anchors (simulation only).</param>
    public static IServiceCollection AddTapLibrary(IServiceCollection services, string? extraTrustJson, bool allowTestAnchors)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new Pn532CardField(sp.GetRequiredService<IPn532LinkFactory>(), ChipOptions, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ICardField>(sp => sp.GetRequiredService<Pn532CardField>());
        services.AddSingleton(sp =>
        {
            // Every camera verification runs the active challenge (random blink/turn sequence prompted through the tap's
            // prompt sink, one tracked face, parallax and screen checks); the models are checked against models.json when
            // they are loaded, at the first tap, and a load that fails refuses that tap (FaceModelsUnavailable).
            var reader = sp.GetRequiredService<IOptions<ReaderOptions>>().Value;
            return FaceVerifierCheck.Deferred(
                new FaceVerifierOptions { StepTimeout = reader.FaceStepTimeout },
                Directory.Exists(reader.ModelsDirectory) ? reader.ModelsDirectory : null);
        });
        if (services.Any(d => d.ServiceType == typeof(IFrameSourceFactory)))
        {
            // A camera means a face step: load its models before READY=1, not on the first tap.
            services.AddHostedService<FaceModelWarmup>();
        }

        services.AddSingleton<ITapRunner>(sp =>
        {
            var reader = sp.GetRequiredService<IOptions<ReaderOptions>>().Value;
            var store = TrustStore.Load(reader.TrustFile);
            if (extraTrustJson is not null)
            {
                store = store.WithJson(extraTrustJson, "simulator test PKI");
            }

            var options = new CardTapOptions
            {
                Trust = new TrustOptions { TrustStore = store, AllowTestAnchors = allowTestAnchors },
                Chip = ChipOptions,
                CardWait = TimeSpan.FromSeconds(3),
                TapDeadline = reader.TapDeadline,
            };
            var links = sp.GetService<ICardLinkFactory>() ?? new Pn532CardLinkFactory(sp.GetRequiredService<IPn532LinkFactory>());
            var camera = sp.GetService<IFrameSourceFactory>();
            var face = camera is null ? null : sp.GetRequiredService<FaceVerifierCheck>();
            var time = sp.GetRequiredService<TimeProvider>();
            var field = links is Pn532CardLinkFactory ? sp.GetRequiredService<Pn532CardField>() : null; // a PC/SC poll holds nothing to park
            return new CardTapRunner(prompts => new CardTap(options, links, camera, face, prompts, time), field);
        });
        return services;
    }

    /// <summary>The simulated world's PN532 and camera as the tap library's factories.</summary>
    public static IServiceCollection AddWorldFactories(IServiceCollection services)
    {
        services.AddSingleton<IPn532LinkFactory>(sp => new WorldLinks(sp.GetRequiredService<SimulatedReaderWorld>()));
        services.AddSingleton<IFrameSourceFactory>(sp => new WorldCamera(sp.GetRequiredService<SimulatedReaderWorld>()));
        return services;
    }

    /// <summary>The real PN532 link (or, for <c>Reader:Hardware:Link</c> = <c>pcsc</c>, the PC/SC reader) from <c>Reader:Hardware</c>.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="link">The configured link (bound before validation; the validated options decide the details).</param>
    public static IServiceCollection AddDeviceFactories(IServiceCollection services, string? link = null)
    {
        if (string.Equals(link, HardwareOptions.PcscLink, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<ICardLinkFactory>(sp => new PcscCardLinkFactory(sp.GetRequiredService<IOptions<ReaderOptions>>().Value.Hardware.PcscReader));
            services.AddSingleton(sp => new PcscCardField(sp.GetRequiredService<IOptions<ReaderOptions>>().Value.Hardware.PcscReader));
            services.AddSingleton<ICardField>(sp => sp.GetRequiredService<PcscCardField>());
        }

        services.AddSingleton(sp =>
        {
            var h = sp.GetRequiredService<IOptions<ReaderOptions>>().Value.Hardware;
            return LinkFactories.Create(h.Link == HardwareOptions.PcscLink ? "i2c" : h.Link, h.Bus, h.I2cKhz, h.ChipSelectGpio, h.SpiHz, h.Port, h.Baud);
        });
        services.AddSingleton<IReaderDescription>(sp => new DeviceDescription(sp.GetRequiredService<IOptions<ReaderOptions>>().Value.Hardware));
        return services;
    }

    /// <summary>Registers the configured camera, when <c>Reader:Hardware:Camera</c> names one.</summary>
    public static void AddDeviceCamera(IServiceCollection services, string? spec)
    {
        if (!string.IsNullOrWhiteSpace(spec))
        {
            services.AddSingleton<IFrameSourceFactory>(_ => CameraFactory.Parse(spec));
        }
    }

    private sealed class WorldLinks(SimulatedReaderWorld world) : IPn532LinkFactory
    {
        public string Description => $"simulated PN532 on {world.Link}";

        public IPn532Link Open() => world.OpenLink();
    }

    private sealed class WorldCamera(SimulatedReaderWorld world) : IFrameSourceFactory
    {
        public string Description => "simulated camera";

        public IFrameSource Open() => world.OpenCamera();
    }

    private sealed class DeviceDescription(HardwareOptions h) : IReaderDescription
    {
        public string Model => "ReaderKit reader";

        public string? ReaderLink => h.Link;

        public string? ReaderFirmware => null;

        public bool CameraPresent => !string.IsNullOrWhiteSpace(h.Camera);
    }
}
