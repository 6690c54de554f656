using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReaderKit.Packaging.Tests;

/// <summary>
/// Install, start, upgrade (same and changed conffile), remove and purge the amd64 package in a throwaway root with
/// <c>dpkg --root</c>, running the installed <c>readerkit-host</c> and <c>readerkit</c> as the user the postinst
/// created.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class InstallLifecycleTests(PackageFixture packages) : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _scratch = Scratch();

    public void Dispose() => _scratch.Delete(recursive: true);

    /// <summary>A scratch folder the service user can traverse (the test's NOTIFY_SOCKET lives in it).</summary>
    private static DirectoryInfo Scratch()
    {
        var dir = Directory.CreateTempSubdirectory("rk-life-");
        dir.UnixFileMode = (UnixFileMode)0x1ED; // 0755
        return dir;
    }

    private static void RequireRoot() =>
        Assert.True(Environment.UserName == "root" || Shell.Run("id", "-u").Stdout.Trim() == "0", "dpkg --root with maintainer scripts needs root (CI runs as root)");

    private static IEnumerable<string> Depends(string deb) =>
        Shell.Ok("dpkg-deb", "-f", deb, "Depends").Stdout.Trim().Split(',');

    /// <summary>Every file under the state folder: hash, owner and mode.</summary>
    private static SortedDictionary<string, string> Snapshot(string dir)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var stat = Shell.Ok("stat", "-c", "%u:%g %a", f).Stdout.Trim();
            result[Path.GetRelativePath(dir, f)] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))) + " " + stat;
        }

        return result;
    }

    private static ProcessResult Tool(ThrowawayRoot root, HostSettingsPaths paths, (int Uid, int Gid) user, params string[] args) =>
        Shell.Run("setpriv", [$"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups", "--", root.At("usr/lib/readerkit/readerkit"), .. args],
            TimeSpan.FromSeconds(90), paths.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

    /// <summary>Starts the installed host as the service user in simulation, waits for READY=1 and the status file, checks doctor, stops it with SIGTERM.</summary>
    private JsonElement RunInstalledHost(ThrowawayRoot root, (int Uid, int Gid) user, string label)
    {
        var runDir = root.At("run/readerkit");
        Directory.CreateDirectory(runDir);
        Shell.Ok("chown", $"{user.Uid}:{user.Gid}", runDir);
        var paths = new HostSettingsPaths(root.Path, root.At("etc/readerkit/appsettings.json"), _scratch.FullName);
        using var host = HostProcess.Start(root.At("usr/lib/readerkit/readerkit-host"), paths, user);
        Assert.True(host.WaitForNotify("READY=1", StartDeadline), $"{label}: no READY=1 from the installed host:\n{host.Output}");
        var status = host.WaitForStatus(TimeSpan.FromSeconds(30));
        Assert.True(status is not null, $"{label}: no status file:\n{host.Output}");

        var doctor = Tool(root, paths, user, "doctor", "--config", paths.ConfigFile);
        Assert.Contains("OK   face.models: 3 files match SHA256SUMS", doctor.Stdout, StringComparison.Ordinal);
        Assert.Contains("OK   journal.health", doctor.Stdout, StringComparison.Ordinal);

        var statusTool = Tool(root, paths, user, "status", "--config", paths.ConfigFile);
        Assert.True(statusTool.ExitCode is 0 or 1, $"{label}: readerkit status exited {statusTool.ExitCode}:\n{statusTool.Both}");
        Assert.Contains("(simulation)", statusTool.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, host.Stop(TimeSpan.FromSeconds(30)));
        Assert.True(host.WaitForNotify("STOPPING=1", TimeSpan.FromSeconds(5)), $"{label}: no STOPPING=1");
        return status!.Value;
    }

    [Fact]
    public void Install_upgrade_remove_purge_keep_configuration_journal_keys_and_pairing_tokens()
    {
        RequireRoot();
        var v1 = packages.Deb(PackageFixture.Version1, "amd64");
        var v2 = packages.Deb(PackageFixture.Version2, "amd64");
        using var root = new ThrowawayRoot(Depends(v1));

        // --- install: dependencies satisfied from this system's database, user, groups, state folder, enablement.
        var install = root.Dpkg("-i", v1);
        Assert.True(install.ExitCode == 0, $"dpkg -i exited {install.ExitCode}:\n{install.Both}");
        Assert.Equal("install ok installed " + PackageFixture.Version1, root.PackageState("readerkit"));
        var user = root.User("readerkit") ?? throw new Xunit.Sdk.XunitException("postinst did not create the readerkit user");
        Assert.InRange(user.Uid, 100, 999);
        var passwd = File.ReadAllLines(root.At("etc/passwd")).Single(l => l.StartsWith("readerkit:", StringComparison.Ordinal));
        Assert.EndsWith(":/var/lib/readerkit:/usr/sbin/nologin", passwd, StringComparison.Ordinal);
        foreach (var g in new[] { "i2c", "spi", "gpio", "dialout", "video" })
        {
            Assert.Contains("readerkit", root.GroupMembers(g));
        }

        var state = root.At("var/lib/readerkit");
        Assert.Equal($"{user.Uid}:{user.Gid} 700", Shell.Ok("stat", "-c", "%u:%g %a", state).Stdout.Trim());
        var wants = new FileInfo(root.At("etc/systemd/system/multi-user.target.wants/readerkit.service"));
        Assert.Equal("/usr/lib/systemd/system/readerkit.service", wants.LinkTarget);
        Assert.True(File.Exists(root.At("etc/readerkit/appsettings.json")));

        // --- first start: the host creates journal and keys as the service user; a client is paired.
        var first = RunInstalledHost(root, user, "v1");
        Assert.True(first.GetProperty("simulation").GetBoolean());
        Assert.Equal("reader-1", first.GetProperty("deviceId").GetString());
        var pairPaths = new HostSettingsPaths(root.Path, root.At("etc/readerkit/appsettings.json"), _scratch.FullName);
        var pair = Tool(root, pairPaths, user, "pair", "--state-dir", state, "--name", "pharmacy-pc-1");
        Assert.True(pair.ExitCode == 0, pair.Both);
        var before = Snapshot(state);
        Assert.Contains("journal.db", before.Keys);
        Assert.Contains("device-keys.json", before.Keys);
        Assert.Contains("clients.json", before.Keys);
        Assert.All(before.Values, v => Assert.Contains($" {user.Uid}:{user.Gid} 600", v, StringComparison.Ordinal));

        // The integrator edits the configuration.
        var config = root.At("etc/readerkit/appsettings.json");
        var edited = JsonNode.Parse(File.ReadAllText(config))!;
        edited["Reader"]!["DeviceId"] = "pharmacy-7";
        File.WriteAllText(config, edited.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var editedText = File.ReadAllText(config);

        // --- upgrade (package conffile unchanged): edited config kept silently, state untouched, same user.
        var upgrade = root.Dpkg("-i", v2);
        Assert.True(upgrade.ExitCode == 0, $"upgrade exited {upgrade.ExitCode}:\n{upgrade.Both}");
        Assert.Equal("install ok installed " + PackageFixture.Version2, root.PackageState("readerkit"));
        Assert.Equal(editedText, File.ReadAllText(config));
        Assert.False(File.Exists(config + ".dpkg-dist"));
        Assert.Equal(before, Snapshot(state));
        Assert.Equal(passwd, File.ReadAllLines(root.At("etc/passwd")).Single(l => l.StartsWith("readerkit:", StringComparison.Ordinal)));

        // The upgraded host runs on the same journal and keys, with the edited configuration; the token is still paired.
        var second = RunInstalledHost(root, user, "v2");
        Assert.Equal("pharmacy-7", second.GetProperty("deviceId").GetString());
        var list = Tool(root, pairPaths, user, "pair", "--state-dir", state, "--list");
        Assert.True(list.ExitCode == 0 && list.Stdout.Contains("pharmacy-pc-1", StringComparison.Ordinal), list.Both);
        var export = Tool(root, pairPaths, user, "journal", "export", "--config", config, "--since", "1d", "--format", "jsonl");
        Assert.True(export.ExitCode == 0, $"journal export after upgrade exited {export.ExitCode}:\n{export.Both}");
        var afterRuns = Snapshot(state);
        Assert.Equal(before["device-keys.json"], afterRuns["device-keys.json"]);
        Assert.Equal(before["clients.json"], afterRuns["clients.json"]);

        // --- upgrade whose packaged conffile changed: the integrator's file wins, the new default lands beside it.
        var v3 = RepackWithChangedConffile(v2, "1.0.2");
        var confUpgrade = root.Dpkg("--force-confdef", "--force-confold", "-i", v3);
        Assert.True(confUpgrade.ExitCode == 0, $"conffile upgrade exited {confUpgrade.ExitCode}:\n{confUpgrade.Both}");
        Assert.Equal(editedText, File.ReadAllText(config));
        Assert.Contains("\"RetentionDays\": 120", File.ReadAllText(config + ".dpkg-dist"), StringComparison.Ordinal);
        Assert.Equal(afterRuns, Snapshot(state));

        // --- remove: programs gone, configuration and state kept, unit disabled.
        var remove = root.Dpkg("-r", "readerkit");
        Assert.True(remove.ExitCode == 0, remove.Both);
        Assert.StartsWith("deinstall ok config-files", root.PackageState("readerkit"), StringComparison.Ordinal);
        Assert.False(File.Exists(root.At("usr/lib/readerkit/readerkit-host")));
        Assert.False(File.Exists(root.At("usr/lib/systemd/system/readerkit.service")));
        Assert.True(new FileInfo(wants.FullName).LinkTarget is null, "the unit is still enabled after remove: " + Shell.Run("ls", "-la", wants.DirectoryName!).Both + remove.Both);
        Assert.Equal(editedText, File.ReadAllText(config));
        Assert.Equal(afterRuns, Snapshot(state));

        // --- purge: configuration gone; journal, keys and tokens kept on purpose (unreconciled offline records).
        var purge = root.Dpkg("-P", "readerkit");
        Assert.True(purge.ExitCode == 0, purge.Both);
        Assert.Equal("not-installed", root.PackageState("readerkit") is var s && s.StartsWith("unknown", StringComparison.Ordinal) ? "not-installed" : s);
        Assert.False(Directory.Exists(root.At("etc/readerkit")), "purge left /etc/readerkit");
        Assert.Equal(afterRuns, Snapshot(state));
        Assert.Contains("kept", purge.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A copy of <paramref name="deb"/> at <paramref name="version"/> whose packaged appsettings.json has another retention default.</summary>
    private string RepackWithChangedConffile(string deb, string version)
    {
        var tree = Path.Combine(_scratch.FullName, "repack");
        Shell.Ok("dpkg-deb", "-R", deb, tree);
        var control = Path.Combine(tree, "DEBIAN", "control");
        File.WriteAllLines(control, File.ReadAllLines(control).Select(l => l.StartsWith("Version:", StringComparison.Ordinal) ? "Version: " + version : l));
        var conf = Path.Combine(tree, "etc", "readerkit", "appsettings.json");
        var node = JsonNode.Parse(File.ReadAllText(conf))!;
        node["Journal"]!["RetentionDays"] = 120;
        File.WriteAllText(conf, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var md5 = Path.Combine(tree, "DEBIAN", "md5sums");
        var sum = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(conf)));
        File.WriteAllLines(md5, File.ReadAllLines(md5).Select(l => l.EndsWith("  etc/readerkit/appsettings.json", StringComparison.Ordinal) ? sum + "  etc/readerkit/appsettings.json" : l));
        var output = Path.Combine(_scratch.FullName, $"readerkit_{version}_amd64.deb");
        Shell.Ok("dpkg-deb", ["--root-owner-group", "-Zgzip", "-z1", "--build", tree, output], TimeSpan.FromMinutes(3));
        Directory.Delete(tree, recursive: true);
        return output;
    }
}
