using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReaderKit.Host.Tests;

public sealed class RpcOptionsTests
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

    [Theory]
    [InlineData("Rpc:UnixSocket", "rpc.sock", "Rpc:UnixSocket must be an absolute path (was 'rpc.sock').")]
    [InlineData("Rpc:UnixSocketMode", "0689", "Rpc:UnixSocketMode must be an octal file mode such as 0660 (was '0689').")]
    [InlineData("Rpc:TlsPort", "70000", "Rpc:TlsPort must be between 0 and 65535 (was 70000).")]
    [InlineData("Rpc:ReleaseFields:0", "myNumber", "Rpc:ReleaseFields must be one of name, address, birthDate, sex, expiryDate, photo, liveFrame (was 'myNumber').")]
    [InlineData("Rpc:FolderExchange:Inbox", "/tmp/in", "Rpc:FolderExchange needs both Inbox and Outbox (or neither).")]
    public void Each_bad_rpc_setting_gets_one_message_naming_it(string key, string value, string message) =>
        Assert.Equal([message], Failures((key, value)));

    [Theory]
    [InlineData("Reader:Hardware:Link", "usb", "Reader:Hardware:Link must be one of i2c, spi, hsu, pcsc (was 'usb').")]
    [InlineData("Reader:Hardware:PcscReader", "PaSoRi", "Reader:Hardware:PcscReader names a PC/SC reader and is used only with Reader:Hardware:Link = pcsc (Link is 'i2c').")]
    [InlineData("Reader:Hardware:SpiHz", "9000000", "Reader:Hardware:SpiHz must be between 10000 and 5000000 (was 9000000).")]
    [InlineData("Reader:Hardware:Camera", "webcam", "Reader:Hardware:Camera must be rpicam, v4l2:N or file:DIR, or empty for none (was 'webcam').")]
    public void Each_bad_hardware_setting_gets_one_message_naming_it(string key, string value, string message) =>
        Assert.Equal([message], Failures((key, value)));

    [Theory]
    [InlineData("PaSoRi", true)]
    [InlineData(null, true)]
    [InlineData("  ", false)]
    public void A_pcsc_link_takes_an_optional_reader_name(string? reader, bool valid)
    {
        var failures = reader is null
            ? Failures(("Reader:Hardware:Link", "pcsc"))
            : Failures(("Reader:Hardware:Link", "pcsc"), ("Reader:Hardware:PcscReader", reader));
        Assert.Equal(valid, failures.Count == 0);
        if (!valid)
        {
            Assert.Equal(["Reader:Hardware:PcscReader must be part of a reader's name (1-128 printable characters), or absent for the only reader (was '  ')."], failures);
        }
    }

    [Fact]
    public void A_pcsc_link_wires_the_PC_SC_reader_into_the_tap_and_the_field_poll()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reader:DeviceId"] = "reader-1", ["Reader:Hardware:Link"] = "pcsc", ["Reader:Hardware:PcscReader"] = "PaSoRi" })
            .Build();
        var services = new ServiceCollection();
        ReaderHost.AddReaderHostServices(services, configuration, _ => null);
        TapLibrary.TapWiring.AddDeviceFactories(services, "pcsc");
        TapLibrary.TapWiring.AddTapLibrary(services, null, allowTestAnchors: false);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<TapLibrary.PcscCardField>(provider.GetRequiredService<Reader.ICardField>());
        Assert.Equal(new Tap.Devices.PcscCardLinkFactory("PaSoRi"), provider.GetRequiredService<Tap.ICardLinkFactory>());
    }

    [Fact]
    public void Hardware_settings_are_not_checked_in_simulation() =>
        Assert.Empty(Failures(("Reader:Hardware:Link", "usb"), ("Reader:Simulation:Enabled", "true")));

    [Fact]
    public void No_listener_at_all_is_refused_unless_rpc_is_disabled()
    {
        Assert.Equal(["Rpc: set Rpc:UnixSocket and/or Rpc:TlsPort, or Rpc:Enabled=false."], Failures(("Rpc:UnixSocket", "")));
        Assert.Empty(Failures(("Rpc:UnixSocket", ""), ("Rpc:Enabled", "false")));
    }

    [Fact]
    public void The_folder_exchange_may_only_write_fields_the_host_releases() =>
        Assert.Equal(
            ["Rpc:FolderExchange:AllowedFields may only hold fields in Rpc:ReleaseFields (was 'photo')."],
            Failures(("Rpc:FolderExchange:Inbox", "/tmp/in"), ("Rpc:FolderExchange:Outbox", "/tmp/out"), ("Rpc:FolderExchange:AllowedFields:0", "photo"), ("Rpc:ReleaseFields:0", "name")));
}
