using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReaderKit.Host.Configuration;

namespace ReaderKit.Host.Tests;

public sealed class OptionsValidationTests
{
    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reader:DeviceId"] = "reader-1" })
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        ReaderHost.AddReaderHostServices(services, configuration, _ => null);
        using var provider = services.BuildServiceProvider();
        return ReaderHost.ValidateAll(provider);
    }

    [Fact]
    public void Defaults_with_a_device_id_are_valid() => Assert.Empty(Failures());

    [Fact]
    public void The_embedded_appsettings_are_valid()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false).Build();
        var services = new ServiceCollection();
        ReaderHost.AddReaderHostServices(services, configuration, _ => null);
        using var provider = services.BuildServiceProvider();
        Assert.Empty(ReaderHost.ValidateAll(provider));
    }

    [Theory]
    [InlineData("Reader:DeviceId", "bad id!", "Reader:DeviceId must be 1-32 characters of A-Z, a-z, 0-9, '-' or '_' (was 'bad id!').")]
    [InlineData("Reader:Language", "fr", "Reader:Language must be one of ja, en (was 'fr').")]
    [InlineData("Reader:TapDeadline", "00:20:00", "Reader:TapDeadline must be between 00:00:01 and 00:10:00 (was 00:20:00).")]
    [InlineData("Reader:PollInterval", "00:00:00.010", "Reader:PollInterval must be between 00:00:00.0500000 and 00:00:02 (was 00:00:00.0100000).")]
    [InlineData("Journal:RetentionDays", "0", "Journal:RetentionDays must be between 1 and 3650 (was 0).")]
    [InlineData("Journal:KeepPersonalFields:0", "myNumber", "Journal:KeepPersonalFields must be one of name, address, birthDate, sex, photo (was 'myNumber').")]
    [InlineData("Outage:ProbeKind", "ping", "Outage:ProbeKind must be one of none, tcp, https-head (was 'ping').")]
    [InlineData("Outage:ProbeAddress", "192.0.2.1:443", "Outage:ProbeAddress is set but Outage:ProbeKind is 'none'; choose tcp or https-head, or remove the address.")]
    [InlineData("Outage:PowerFailPin", "99", "Outage:PowerFailPin must be a GPIO line number 0..63 (was 99).")]
    [InlineData("Outage:FailuresToOffline", "0", "Outage:FailuresToOffline must be between 1 and 100 (was 0).")]
    [InlineData("Indicator:BuzzerPin", "-1", "Indicator:BuzzerPin must be a GPIO line number 0..63 (was -1).")]
    public void Each_bad_setting_gets_one_clear_message(string key, string value, string message) =>
        Assert.Equal([message], Failures((key, value)));

    [Fact]
    public void An_unknown_simulated_persona_is_refused_at_start_with_the_known_names()
    {
        var failure = Assert.Single(Failures(("Reader:Simulation:Enabled", "true"), ("Reader:Simulation:Persona", "nobody")));
        Assert.StartsWith("Reader:Simulation:Persona must be one of ", failure, StringComparison.Ordinal);
        Assert.Contains("yamada-taro", failure, StringComparison.Ordinal);
        Assert.EndsWith("(was 'nobody').", failure, StringComparison.Ordinal);
        Assert.All(ReaderKit.Simulation.SimulatedReaderWorld.Personas, p => Assert.Empty(Failures(("Reader:Simulation:Enabled", "true"), ("Reader:Simulation:Persona", p))));
    }

    [Theory]
    [InlineData("Reader:Simulation:Link", "usb", "Reader:Simulation:Link must be one of i2c, spi, hsu (was 'usb').")]
    [InlineData("Reader:Simulation:Presentation", "mask", "Reader:Simulation:Presentation must be one of live, print, waved-print, screen, other-person (was 'mask').")]
    public void An_unknown_simulated_link_or_scene_is_refused_at_start(string key, string value, string message) =>
        Assert.Equal([message], Failures(("Reader:Simulation:Enabled", "true"), (key, value)));

    [Fact]
    public void A_probe_needs_an_explicit_target_of_the_right_form()
    {
        Assert.Equal(["Outage:ProbeAddress must be host:port (port 1-65535) for the tcp probe (was '')."], Failures(("Outage:ProbeKind", "tcp")));
        Assert.Equal(["Outage:ProbeAddress must be host:port (port 1-65535) for the tcp probe (was 'example.invalid')."], Failures(("Outage:ProbeKind", "tcp"), ("Outage:ProbeAddress", "example.invalid")));
        Assert.Equal(["Outage:ProbeAddress must be an absolute https:// URL for the https-head probe (was 'http://example.invalid/')."],
            Failures(("Outage:ProbeKind", "https-head"), ("Outage:ProbeAddress", "http://example.invalid/")));
        Assert.Empty(Failures(("Outage:ProbeKind", "tcp"), ("Outage:ProbeAddress", "[::1]:8443")));
        Assert.Empty(Failures(("Outage:ProbeKind", "https-head"), ("Outage:ProbeAddress", "https://example.invalid/health")));
    }

    [Fact]
    public void Shared_pins_and_half_a_two_colour_led_are_refused()
    {
        Assert.Equal(["Indicator:GreenPin and Indicator:BuzzerPin use the same GPIO line 17."],
            Failures(("Indicator:GreenPin", "17"), ("Indicator:RedPin", "27"), ("Indicator:BuzzerPin", "17")));
        Assert.Equal(["Indicator: amber is shown as green+red when Indicator:AmberPin is unset, so set both Indicator:GreenPin and Indicator:RedPin, or neither."],
            Failures(("Indicator:GreenPin", "17")));
    }

    [Fact]
    public void Every_bad_setting_across_sections_is_reported_at_once()
    {
        var failures = Failures(("Reader:DeviceId", ""), ("Journal:RetentionDays", "99999"), ("Outage:ProbeTimeout", "00:02:00"), ("Outage:ProbeInterval", "00:00:30"));
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Reader:DeviceId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Journal:RetentionDays", StringComparison.Ordinal));
        Assert.Contains("Outage:ProbeTimeout must be shorter than Outage:ProbeInterval.", failures);
        Assert.Contains(failures, f => f.StartsWith("Outage:ProbeTimeout must be between", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_key()
    {
        var failure = Assert.Single(Failures(("Journal:RetentionDays", "ninety")));
        Assert.Contains("Journal:RetentionDays", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_exit_78_and_lists_every_failure()
    {
        using var dir = new TempDir();
        var builder = ReaderHost.CreateBuilder(["--Reader:DeviceId=", "--Journal:RetentionDays=0", $"--Journal:Path={dir.File("j.db")}", $"--Journal:KeyFile={dir.File("k.json")}"], _ => null);
        using var host = builder.Build();
        using var errors = new StringWriter();
        Assert.Equal(ReaderHost.ExitConfigurationInvalid, await ReaderHost.RunAsync(host, errors));
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("readerkit-host: the configuration is invalid:", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.False(File.Exists(dir.File("j.db")));
    }

    [Fact]
    public void Environment_and_command_line_override_the_files()
    {
        var builder = ReaderHost.CreateBuilder(["--Journal:RetentionDays=30"], _ => null);
        Assert.Equal("30", builder.Configuration["Journal:RetentionDays"]);
        Assert.Equal("ja", builder.Configuration["Reader:Language"]);
    }
}
