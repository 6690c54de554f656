using System.Text.Json;
using ReaderKit.Host.Composition;
using ReaderKit.Host.Status;
using ReaderKit.Host.Tools;
using ReaderKit.Simulation;

namespace ReaderKit.Cli.Tests;

/// <summary>
/// <c>readerkit doctor</c>'s device lines over the devices the host composes: the simulated world's PN532 and camera
/// (reached through the production link classes), the real link factories with a missing device, and a running service
/// that holds the devices.
/// </summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("readerkit-doctor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private HostSettings Settings(params (string Key, string Value)[] overrides)
    {
        var config = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(config, "{}");
        var all = new Dictionary<string, string?>
        {
            ["Reader:StatusFile"] = Path.Combine(_dir, "status.json"),
            ["Journal:Path"] = Path.Combine(_dir, "journal.db"),
            ["Journal:KeyFile"] = Path.Combine(_dir, "device.key"),
        };
        foreach (var (key, value) in overrides)
        {
            all[key] = value;
        }

        return HostSettings.Load(config, all);
    }

    private static async Task<(int Exit, Dictionary<string, (string Status, string Detail, string? Fix)> Lines)> Doctor(HostSettings settings, SimulatedReaderWorld? world = null)
    {
        using var output = new StringWriter();
        var exit = await DoctorCommand.RunAsync(settings, json: true, output, TimeProvider.System, world, CancellationToken.None);
        var lines = new Dictionary<string, (string, string, string?)>();
        foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            lines[r.GetProperty("name").GetString()!] = (r.GetProperty("status").GetString()!, r.GetProperty("detail").GetString()!, r.GetProperty("fix").GetString());
        }

        return (exit, lines);
    }

    [Fact]
    public async Task Simulation_probes_the_emulated_PN532_and_the_virtual_camera_with_a_card_in_the_field()
    {
        var settings = Settings(("Reader:Simulation:Enabled", "true"), ("Reader:Simulation:Link", "i2c"));
        using var world = new SimulatedReaderWorld(HostComposition.WorldOptions(settings.Reader.Simulation, TimeProvider.System) with { CardInFieldAtStart = true });

        var (_, lines) = await Doctor(settings, world);

        Assert.Equal("OK", lines["reader.link"].Status);
        Assert.Contains("PN532 v1.6", lines["reader.link"].Detail, StringComparison.Ordinal);
        Assert.Contains("i2c", lines["reader.link"].Detail, StringComparison.Ordinal);
        Assert.Equal(("OK", "a Type B card answered in the field", null), lines["reader.field"]);
        Assert.Equal("OK", lines["camera"].Status);
        Assert.Contains("640x480", lines["camera"].Detail, StringComparison.Ordinal);
        Assert.True(world.Emulator.CommandsReceived > 0, "the doctor talked to the emulated chip");
    }

    [Fact]
    public async Task Simulation_without_a_card_warns_that_no_card_answered()
    {
        var (_, lines) = await Doctor(Settings(("Reader:Simulation:Enabled", "true")));

        Assert.Equal("OK", lines["reader.link"].Status);
        Assert.Equal("WARN", lines["reader.field"].Status);
        Assert.Contains("no card", lines["reader.field"].Detail, StringComparison.Ordinal);
        Assert.NotNull(lines["reader.field"].Fix);
    }

    [Fact]
    public async Task A_missing_HSU_port_fails_with_the_UART_fix_and_exit_2()
    {
        var port = Path.Combine(_dir, "ttyMISSING");
        var (exit, lines) = await Doctor(Settings(("Reader:Simulation:Enabled", "false"), ("Reader:Hardware:Link", "hsu"), ("Reader:Hardware:Port", port), ("Reader:Hardware:Camera", "v4l2:97")));

        Assert.Equal(2, exit);
        Assert.Equal("FAIL", lines["reader.link"].Status);
        Assert.Contains($"{port} does not exist", lines["reader.link"].Detail, StringComparison.Ordinal);
        Assert.Contains("Enable the UART", lines["reader.link"].Fix, StringComparison.Ordinal);
        Assert.Contains("Reader:Hardware:Port", lines["reader.link"].Fix, StringComparison.Ordinal);
        Assert.Equal("FAIL", lines["reader.field"].Status);
        Assert.Equal("FAIL", lines["camera"].Status);
        Assert.NotNull(lines["camera"].Fix);
    }

    [Fact]
    public async Task A_bad_I2C_bus_fails_with_the_enable_I2C_fix_and_exit_2()
    {
        var (exit, lines) = await Doctor(Settings(("Reader:Simulation:Enabled", "false"), ("Reader:Hardware:Link", "i2c"), ("Reader:Hardware:Bus", "15")));

        Assert.Equal(2, exit);
        Assert.Equal("FAIL", lines["reader.link"].Status);
        Assert.Contains("/dev/i2c-15", lines["reader.link"].Detail, StringComparison.Ordinal);
        Assert.Contains("Enable I2C", lines["reader.link"].Fix, StringComparison.Ordinal);
        Assert.Equal("FAIL", lines["camera"].Status);
        Assert.Contains("Reader:Hardware:Camera", lines["camera"].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_service_holds_the_devices_so_doctor_reports_its_view_and_opens_nothing()
    {
        var settings = Settings(("Reader:Simulation:Enabled", "true"));
        using var world = new SimulatedReaderWorld(HostComposition.WorldOptions(settings.Reader.Simulation, TimeProvider.System) with { CardInFieldAtStart = true });
        var now = TimeProvider.System.GetUtcNow();
        HostStatusFile.Write(settings.Reader.StatusFile, new HostStatus
        {
            DeviceId = "test-device",
            ProcessId = Environment.ProcessId,
            StartedAt = now.AddMinutes(-5),
            UpdatedAt = now,
            ReaderState = "waiting-for-card",
            Mode = "online",
            Indicator = "red",
            Faults = ["reader: the PN532 did not answer (3 retries)"],
        });

        var (_, lines) = await Doctor(settings, world);

        Assert.Equal(0, world.Emulator.CommandsReceived);
        Assert.Equal("WARN", lines["reader.link"].Status);
        Assert.Contains("holds the PN532", lines["reader.link"].Detail, StringComparison.Ordinal);
        Assert.Contains("not opened", lines["reader.link"].Detail, StringComparison.Ordinal);
        Assert.Contains("the PN532 did not answer", lines["reader.link"].Detail, StringComparison.Ordinal);
        Assert.Equal("OK", lines["reader.field"].Status);
        Assert.Contains("waiting-for-card", lines["reader.field"].Detail, StringComparison.Ordinal);
        Assert.Equal("OK", lines["camera"].Status);
        Assert.Contains("holds the camera", lines["camera"].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_status_file_is_not_a_running_service_so_the_devices_are_probed()
    {
        var settings = Settings(("Reader:Simulation:Enabled", "true"));
        using var world = new SimulatedReaderWorld(HostComposition.WorldOptions(settings.Reader.Simulation, TimeProvider.System));
        var then = TimeProvider.System.GetUtcNow().AddMinutes(-10);
        HostStatusFile.Write(settings.Reader.StatusFile, new HostStatus
        {
            DeviceId = "test-device", ProcessId = Environment.ProcessId, StartedAt = then, UpdatedAt = then, ReaderState = "idle", Mode = "online", Indicator = "green",
        });

        var (_, lines) = await Doctor(settings, world);

        Assert.True(world.Emulator.CommandsReceived > 0);
        Assert.Equal("OK", lines["reader.link"].Status);
        Assert.DoesNotContain("holds", lines["reader.link"].Detail, StringComparison.Ordinal);
    }
}
