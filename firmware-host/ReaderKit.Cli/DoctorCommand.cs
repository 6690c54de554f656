using System.Globalization;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReaderKit.Cli.Reader;
using ReaderKit.Host.Composition;
using ReaderKit.Host.Configuration;
using ReaderKit.Host.Diagnostics;
using ReaderKit.Tap;
using ReaderKit.Host.Tools;
using ReaderKit.Simulation;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit doctor [--json]</c>: one OK/WARN/FAIL line per check (PN532 link and firmware, card field, camera,
/// face models, journal health, trust-store dates, clock) with the fix. Exit 0 all OK, 1 a WARN, 2 a FAIL.
/// </summary>
/// <remarks>
/// The reader and camera are the ones the host composes from the same configuration (<see cref="HostComposition.AddDevices"/>:
/// the simulated world under <c>Reader:Simulation:Enabled</c>, else <c>Reader:Hardware</c>). While the service runs (its
/// status file is fresh) they are not opened: the service holds them, and the lines report its own view.
/// </remarks>
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

            return await RunAsync(settings, parse.GetValue(json), parse.InvocationConfiguration.Output, TimeProvider.System, world: null, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs the doctor over <paramref name="settings"/>' devices (or <paramref name="world"/>, a simulated world a test drives).</summary>
    internal static async Task<int> RunAsync(HostSettings settings, bool json, TextWriter output, TimeProvider time, SimulatedReaderWorld? world, CancellationToken cancellationToken)
    {
        var running = DoctorTool.RunningHost(settings.Reader.StatusFile, time);
        if (running is not null)
        {
            // The service holds the PN532 and the camera: nothing is composed or opened.
            return await DoctorTool.RunAsync(DoctorTool.Checks(settings, null, null, time, running), json, output, cancellationToken).ConfigureAwait(false);
        }

        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(settings.Reader));
        services.AddSingleton(time);
        HostComposition.AddDevices(services, settings.Reader.Simulation.Enabled, settings.Reader.Hardware, world);
        await using var devices = services.BuildServiceProvider();
        var hardware = settings.Reader.Hardware;
        IReaderProbe reader = !settings.Reader.Simulation.Enabled && hardware.Link == HardwareOptions.PcscLink
            ? new DoctorPcscProbe(hardware.PcscReader)
            : settings.Reader.Simulation.Enabled
                ? new DoctorReaderProbe(devices.GetRequiredService<IPn532LinkFactory>(), settings.Reader.Simulation.Link)
                : new DoctorReaderProbe(devices.GetRequiredService<IPn532LinkFactory>(), hardware.Link, DeviceFile(hardware));
        var cameras = devices.GetService<IFrameSourceFactory>();
        ICameraProbe? camera = cameras is null ? null : new DoctorCameraProbe(cameras);
        var checks = DoctorTool.Checks(settings, reader, camera ?? NoCamera.Instance, time);
        return await DoctorTool.RunAsync(checks, json, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The device file <c>Reader:Hardware</c>'s link opens (the buses' defaults as in <c>LinkFactories</c>).</summary>
    private static string? DeviceFile(HardwareOptions h) => h.Link switch
    {
        "i2c" => string.Create(CultureInfo.InvariantCulture, $"/dev/i2c-{(h.Bus < 0 ? 1 : h.Bus)}"),
        "spi" => string.Create(CultureInfo.InvariantCulture, $"/dev/spidev{(h.Bus < 0 ? 0 : h.Bus)}.0"),
        "hsu" => h.Port,
        _ => null,
    };

    /// <summary>No <c>Reader:Hardware:Camera</c>: a FAIL with the setting to add (the face step needs a camera).</summary>
    private sealed class NoCamera : ICameraProbe
    {
        public static readonly NoCamera Instance = new();

        public Task<CameraProbeResult> ProbeAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new CameraProbeResult("no camera configured", 0, 0, 0, "Reader:Hardware:Camera is empty")
            {
                Fix = "Set Reader:Hardware:Camera to rpicam (Camera Module) or v4l2:N (USB camera, /dev/videoN).",
            });
    }
}
