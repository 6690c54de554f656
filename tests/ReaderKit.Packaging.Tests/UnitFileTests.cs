namespace ReaderKit.Packaging.Tests;

/// <summary>The packaged systemd unit and udev rules.</summary>
[Collection(PackagesCollection.Name)]
public sealed class UnitFileTests(PackageFixture packages) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("rk-unit-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PackagedUnit => Path.Combine(packages.Tree("amd64"), "usr", "lib", "systemd", "system", "readerkit.service");

    /// <summary>The packaged unit with /usr/lib/readerkit pointing into the extracted package, so that verify checks the programs the unit names are really in the package.</summary>
    private string UnitAgainstExtractedTree()
    {
        var lib = Path.Combine(packages.Tree("amd64"), "usr", "lib", "readerkit") + "/";
        var unit = Path.Combine(_dir.FullName, "readerkit.service");
        File.WriteAllText(unit, File.ReadAllText(PackagedUnit).Replace("/usr/lib/readerkit/", lib, StringComparison.Ordinal));
        return unit;
    }

    [Fact]
    public void Systemd_analyze_verify_passes_without_a_warning()
    {
        var r = Shell.Run("systemd-analyze", ["verify", UnitAgainstExtractedTree()], env: new Dictionary<string, string?> { ["SYSTEMD_LOG_LEVEL"] = "notice" });
        Assert.True(r.ExitCode == 0 && r.Both.Trim().Length == 0, $"systemd-analyze verify exited {r.ExitCode}:\n{r.Both}");
    }

    [Fact]
    public void Systemd_analyze_verify_catches_a_unit_whose_program_is_missing()
    {
        // The check above can fail: the same verify refuses the unit when the program it starts is absent.
        var unit = UnitAgainstExtractedTree();
        File.WriteAllText(unit, File.ReadAllText(unit).Replace("readerkit-host\n", "readerkit-host-missing\n", StringComparison.Ordinal));
        Assert.NotEqual(0, Shell.Run("systemd-analyze", "verify", unit).ExitCode);
    }

    [Fact]
    public void Exposure_score_stays_at_OK_or_better()
    {
        // 0–100 scale: 30 = "2.9 OK" or better in the human-readable output.
        var r = Shell.Run("systemd-analyze", "security", "--offline=true", "--threshold=30", "--no-pager", UnitAgainstExtractedTree());
        Assert.True(r.ExitCode == 0, $"exposure above 3.0:\n{r.Both}");
    }

    [Fact]
    public void Unit_is_notify_with_watchdog_hardened_and_keeps_state_in_var_lib()
    {
        var lines = File.ReadAllLines(PackagedUnit).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        foreach (var required in new[]
                 {
                     "Type=notify", "NotifyAccess=main", "WatchdogSec=30s", "User=readerkit", "Group=readerkit", "NoNewPrivileges=yes",
                     "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "StateDirectory=readerkit", "StateDirectoryMode=0700",
                     "RuntimeDirectory=readerkit", "StandardOutput=journal", "RestartPreventExitStatus=78 73 65", "CapabilityBoundingSet=",
                     "SupplementaryGroups=i2c spi gpio dialout video", "DevicePolicy=closed",
                     "ExecStart=/usr/lib/readerkit/readerkit-host", "ExecStartPre=/usr/lib/readerkit/verify-models /usr/lib/readerkit/models",
                     "WantedBy=multi-user.target",
                     // glibc arenas capped from exec (MemoryRelease.LimitNativeArenas can only cap those made after Main).
                     "Environment=MALLOC_ARENA_MAX=2",
                 })
        {
            Assert.Contains(required, lines);
        }

        // The host's own exit codes are the ones the unit refuses to restart on.
        Assert.Equal(78, ReaderKit.Host.ReaderHost.ExitConfigurationInvalid);
        Assert.Equal(73, ReaderKit.Host.ReaderHost.ExitJournalUnavailable);
    }

    [Fact]
    public void Udev_rules_give_the_device_nodes_the_service_groups()
    {
        var rules = File.ReadAllLines(Path.Combine(packages.Tree("amd64"), "usr", "lib", "udev", "rules.d", "60-readerkit.rules"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).ToList();
        Assert.Contains(rules, r => r.Contains("SUBSYSTEM==\"i2c-dev\"", StringComparison.Ordinal) && r.Contains("GROUP=\"i2c\"", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains("SUBSYSTEM==\"spidev\"", StringComparison.Ordinal) && r.Contains("GROUP=\"spi\"", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains("gpiochip", StringComparison.Ordinal) && r.Contains("GROUP=\"gpio\"", StringComparison.Ordinal));
        Assert.Contains(rules, r => r.Contains("dma_heap", StringComparison.Ordinal) && r.Contains("GROUP=\"video\"", StringComparison.Ordinal));
        foreach (var rule in rules)
        {
            // Every assignment is group-only access (0660), never world-writable.
            Assert.Matches("MODE=\"0660\"", rule);
            Assert.Matches("^(SUBSYSTEM|KERNEL)==\"[^\"]+\"(, (SUBSYSTEM|KERNEL|ATTRS\\{\\w+\\})==\"[^\"]+\")*, GROUP=\"\\w+\", MODE=\"0660\"$", rule);
        }

        // udevadm verify exists from systemd 254; use it where available.
        var udevadm = new[] { "/usr/bin/udevadm", "/bin/udevadm", "/sbin/udevadm" }.FirstOrDefault(File.Exists);
        if (udevadm is not null && Shell.Run(udevadm, "verify", "--help").ExitCode == 0)
        {
            var r = Shell.Run(udevadm, "verify", Path.Combine(packages.Tree("amd64"), "usr", "lib", "udev", "rules.d", "60-readerkit.rules"));
            Assert.True(r.ExitCode == 0, r.Both);
        }
    }
}
