namespace ReaderKit.Packaging.Tests;

/// <summary>The packaged <c>readerkit-host</c> (amd64 tree, as extracted from the .deb) against its configuration contract.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackagedHostTests(PackageFixture packages) : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("rk-host-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Program => Path.Combine(packages.Tree("amd64"), "usr", "lib", "readerkit", "readerkit-host");

    /// <summary>A root with the packaged configuration and models; journal, keys and status under it.</summary>
    private HostSettingsPaths Paths(bool simulation = true)
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "var", "lib", "readerkit"));
        Directory.CreateDirectory(Path.Combine(_root.FullName, "run", "readerkit"));
        var models = Path.Combine(_root.FullName, "usr", "lib", "readerkit");
        Directory.CreateDirectory(models);
        if (!Directory.Exists(Path.Combine(models, "models")))
        {
            Directory.CreateSymbolicLink(Path.Combine(models, "models"), Path.Combine(packages.Tree("amd64"), "usr", "lib", "readerkit", "models"));
        }

        return new HostSettingsPaths(_root.FullName, Path.Combine(packages.Tree("amd64"), "etc", "readerkit", "appsettings.json"), _root.FullName, simulation);
    }

    [Fact]
    public void Invalid_configuration_exits_78_naming_each_bad_setting()
    {
        var paths = Paths();
        using var host = HostProcess.Start(Program, paths, extraEnv: new Dictionary<string, string>
        {
            ["READERKIT_Journal__RetentionDays"] = "0",
            ["READERKIT_Outage__ProbeKind"] = "tcp",
        });
        Assert.Equal(78, host.ExitCodeWithin(TimeSpan.FromSeconds(60)));
        Assert.Contains("Journal:RetentionDays", host.Output, StringComparison.Ordinal);
        Assert.Contains("Outage:ProbeAddress", host.Output, StringComparison.Ordinal);
        Assert.False(host.WaitForNotify("READY=1", TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public void Unusable_key_file_exits_73()
    {
        var paths = Paths();
        var keys = Path.Combine(paths.StateDir, "device-keys.json");
        File.WriteAllText(keys, "{}");
        File.SetUnixFileMode(keys, (UnixFileMode)0x1A4); // 0644: group/others may read it, so the host refuses it
        using var host = HostProcess.Start(Program, paths);
        Assert.Equal(73, host.ExitCodeWithin(TimeSpan.FromSeconds(60)));
        Assert.False(host.WaitForNotify("READY=1", TimeSpan.FromMilliseconds(100)));
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("amd64")]
    public void Packaged_configuration_passes_the_hosts_own_validation_as_shipped(string arch)
    {
        // As shipped: simulation off, so the Reader:Hardware settings are the ones validated. An invalid conffile
        // would make every fresh installation exit 78.
        var file = Path.Combine(packages.Tree(arch), "etc", "readerkit", "appsettings.json");
        var settings = ReaderKit.Host.Tools.HostSettings.Load(file);
        Assert.False(settings.Reader.Simulation.Enabled);
        Assert.Equal("/var/lib/readerkit/journal.db", settings.Journal.Path);
        Assert.Equal("/usr/lib/readerkit/models", settings.Reader.ModelsDirectory);
        Assert.StartsWith("/run/readerkit/", settings.Reader.StatusFile, StringComparison.Ordinal);
    }

    [Fact]
    public void Packaged_configuration_is_production_not_simulation()
    {
        // The conffile turns simulation off (fail closed on a real reader); tests and try-outs switch it on explicitly.
        var text = File.ReadAllText(Path.Combine(packages.Tree("amd64"), "etc", "readerkit", "appsettings.json"));
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        Assert.False(doc.RootElement.GetProperty("Reader").GetProperty("Simulation").GetProperty("Enabled").GetBoolean());
        var arm = File.ReadAllText(Path.Combine(packages.Tree("arm64"), "etc", "readerkit", "appsettings.json"));
        using var armDoc = System.Text.Json.JsonDocument.Parse(arm);
        Assert.False(armDoc.RootElement.GetProperty("Reader").GetProperty("Simulation").GetProperty("Enabled").GetBoolean());
    }

    /// <summary>
    /// The packaged host in simulation (the composition's simulated world behind the production link classes): it must
    /// send READY=1, reach the idle reader state with no fault, and feed the watchdog from its reader loop.
    /// </summary>
    [Fact]
    public void Simulation_reaches_idle_without_faults_and_the_reader_loop_feeds_the_watchdog()
    {
        var paths = Paths(simulation: true);
        using var host = HostProcess.Start(Program, paths);
        Assert.True(host.WaitForNotify("READY=1", TimeSpan.FromSeconds(90)), "no READY=1:\n" + host.Output);
        // The first status file may predate the reader loop's first poll: wait until it reports the idle state.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        System.Text.Json.JsonElement status;
        List<string> faults;
        string state;
        do
        {
            status = host.WaitForStatus(TimeSpan.FromSeconds(30)) ?? throw new Xunit.Sdk.XunitException("no status file:\n" + host.Output);
            faults = status.GetProperty("faults").EnumerateArray().Select(f => f.GetString()!).ToList();
            state = status.GetProperty("readerState").GetString()!;
            if (string.Equals(state, "idle", StringComparison.OrdinalIgnoreCase) && faults.Count == 0)
            {
                break;
            }

            Thread.Sleep(500);
        }
        while (DateTime.UtcNow < deadline);

        Assert.True(status.GetProperty("simulation").GetBoolean());
        Assert.True(faults.Count == 0, "faults: " + string.Join("; ", faults) + "\n" + host.Output);
        Assert.Equal("idle", state, ignoreCase: true);
        Assert.True(host.WaitForNotify("WATCHDOG=1", TimeSpan.FromSeconds(30)), "no loop-fed WATCHDOG=1");
        Assert.Equal(0, host.Stop(TimeSpan.FromSeconds(30)));
    }
}
