namespace ReaderKit.Packaging.Tests;

/// <summary>
/// A throwaway installation root for <c>dpkg --root</c>: a dpkg database whose status holds this system's entries for
/// the package's dependencies (so Depends is checked for real), minimal passwd/group/shadow files, and nothing else.
/// Maintainer scripts run chrootless with DPKG_ROOT set (<c>--force-script-chrootless</c>); they act on the root only.
/// </summary>
internal sealed class ThrowawayRoot : IDisposable
{
    public ThrowawayRoot(IEnumerable<string> dependencyAlternatives)
    {
        Path = Directory.CreateTempSubdirectory("rk-root-").FullName;
        File.SetUnixFileMode(Path, (UnixFileMode)0x1ED); // 0755: the service user must reach the installed tree
        foreach (var dir in new[] { "etc", "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "var/log", "run", "usr/sbin" })
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Path, dir));
        }

        // As in Debian's base-passwd: dialout and video exist, i2c/spi/gpio do not (the postinst creates them).
        File.WriteAllText(At("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        File.WriteAllText(At("etc/group"), "root:x:0:\ndialout:x:20:\nvideo:x:44:\nnogroup:x:65534:\n");
        File.WriteAllText(At("etc/shadow"), "root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n");
        File.WriteAllText(At("etc/gshadow"), "root:*::\ndialout:*::\nvideo:*::\nnogroup:*::\n");
        File.SetUnixFileMode(At("etc/shadow"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(At("etc/gshadow"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var status = new System.Text.StringBuilder();
        foreach (var alternatives in dependencyAlternatives)
        {
            foreach (var name in alternatives.Split('|').Select(a => a.Trim().Split(' ', '(')[0]))
            {
                var r = Shell.Run("dpkg-query", "-s", name);
                if (r.ExitCode == 0 && r.Stdout.Contains("Status: install ok installed", StringComparison.Ordinal))
                {
                    status.Append(r.Stdout.TrimEnd()).Append("\n\n");
                    // An empty file list, so dpkg does not warn that it is missing.
                    var multiArchSame = r.Stdout.Contains("\nMulti-Arch: same", StringComparison.Ordinal);
                    var arch = r.Stdout.Split('\n').First(l => l.StartsWith("Architecture:", StringComparison.Ordinal))[13..].Trim();
                    System.IO.File.WriteAllText(At($"var/lib/dpkg/info/{name}{(multiArchSame ? ":" + arch : "")}.list"), "");
                    break;
                }
            }
        }

        System.IO.File.WriteAllText(At("var/lib/dpkg/status"), status.ToString());
        System.IO.File.WriteAllText(At("var/lib/dpkg/available"), "");
    }

    public string Path { get; }

    public string At(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Runs dpkg on this root (never on the running system).</summary>
    public ProcessResult Dpkg(params string[] args) =>
        Shell.Run("dpkg", ["--root=" + Path, "--force-script-chrootless", "--log=" + At("var/log/dpkg.log"), .. args], TimeSpan.FromMinutes(3),
            new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive", ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" });

    public string PackageState(string package)
    {
        var r = Shell.Run("dpkg-query", "--admindir=" + At("var/lib/dpkg"), "-W", "-f=${Status} ${Version}", package);
        return r.ExitCode == 0 ? r.Stdout.Trim() : "not-installed";
    }

    /// <summary>uid and gid of a user in this root's passwd, or null.</summary>
    public (int Uid, int Gid)? User(string name)
    {
        var line = System.IO.File.ReadAllLines(At("etc/passwd")).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var f = line.Split(':');
        return (int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    public IReadOnlyList<string> GroupMembers(string group)
    {
        var line = System.IO.File.ReadAllLines(At("etc/group")).FirstOrDefault(l => l.StartsWith(group + ":", StringComparison.Ordinal));
        return line is null ? [] : line.Split(':')[3].Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
