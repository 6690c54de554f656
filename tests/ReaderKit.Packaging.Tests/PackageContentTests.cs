using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReaderKit.Host.Tools;

namespace ReaderKit.Packaging.Tests;

/// <summary>What is inside the packages: control data, file list, architecture of the binaries, models, dependencies.</summary>
[Collection(PackagesCollection.Name)]
public sealed partial class PackageContentTests(PackageFixture packages)
{
    public static TheoryData<string> Arches => new() { "arm64", "amd64" };

    private static Dictionary<string, string> Fields(string debPath)
    {
        var text = Shell.Ok("dpkg-deb", "-f", debPath).Stdout;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? key = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && char.IsWhiteSpace(line[0]) && key is not null)
            {
                fields[key] += "\n" + line.Trim();
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var i and > 0)
            {
                key = line[..i];
                fields[key] = line[(i + 1)..].Trim();
            }
        }

        return fields;
    }

    private static HashSet<string> DependsNames(string depends) =>
        depends.Split(',').SelectMany(alt => alt.Split('|')).Select(d => d.Trim().Split(' ', '(')[0].Trim()).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Arches))]
    public void Control_data_names_the_package_version_arch_and_dependencies(string arch)
    {
        var deb = packages.Deb(PackageFixture.Version1, arch);
        Assert.True(File.Exists(deb), $"readerkit_{PackageFixture.Version1}_{arch}.deb was not produced");
        var f = Fields(deb);
        Assert.Equal("readerkit", f["Package"]);
        Assert.Equal(PackageFixture.Version1, f["Version"]);
        Assert.Equal(arch, f["Architecture"]);
        var depends = DependsNames(f["Depends"]);
        // The codecs and libraries the host loads at run time (P/Invoke or dlopen, so no ELF NEEDED entry shows them).
        foreach (var needed in new[] { "libopenjp2-7", "libgpiod2", "libssl3", "ca-certificates", "libc6", "libstdc++6", "util-linux", "passwd" })
        {
            Assert.Contains(needed, depends);
        }

        Assert.DoesNotContain(depends, d => d.StartsWith("dotnet", StringComparison.Ordinal));
        Assert.True(int.Parse(f["Installed-Size"], System.Globalization.CultureInfo.InvariantCulture) > 50_000, "Installed-Size looks wrong");

        var control = packages.Control(arch);
        Assert.Equal(["/etc/readerkit/appsettings.json"], File.ReadAllLines(Path.Combine(control, "conffiles")).Where(l => l.Length > 0));
        foreach (var script in new[] { "postinst", "prerm", "postrm" })
        {
            var mode = File.GetUnixFileMode(Path.Combine(control, script));
            Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
            Assert.Equal(0, Shell.Run("sh", "-n", Path.Combine(control, script)).ExitCode);
        }

        // /usr/bin/readerkit is a shell wrapper (state verbs as the service user).
        var wrapper = Path.Combine(packages.Tree(arch), "usr", "bin", "readerkit");
        Assert.Equal(0, Shell.Run("sh", "-n", wrapper).ExitCode);
        Assert.Contains("exec runuser -u readerkit -- \"$exe\" \"$@\"", File.ReadAllText(wrapper), StringComparison.Ordinal);

        // dpkg -V needs md5sums for every shipped file.
        var md5 = File.ReadAllLines(Path.Combine(control, "md5sums"));
        Assert.Contains(md5, l => l.EndsWith("  usr/lib/readerkit/readerkit-host", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void File_list_has_host_tool_unit_udev_models_docs_and_no_state(string arch)
    {
        var listing = Shell.Ok("dpkg-deb", "-c", packages.Deb(PackageFixture.Version1, arch)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = listing.Select(l => (Mode: l[..10], Owner: l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Path: l[(l.IndexOf("./", StringComparison.Ordinal) + 1)..].Split(" -> ")[0].TrimEnd('/'))).ToList();
        var byPath = entries.ToDictionary(e => e.Path, e => e);
        foreach (var exe in new[] { "/usr/lib/readerkit/readerkit-host", "/usr/lib/readerkit/readerkit", "/usr/bin/readerkit", "/usr/lib/readerkit/verify-models" })
        {
            Assert.True(byPath.ContainsKey(exe), $"{exe} missing");
            Assert.Equal("-rwxr-xr-x", byPath[exe].Mode);
        }

        foreach (var file in new[]
                 {
                     "/usr/lib/systemd/system/readerkit.service", "/usr/lib/udev/rules.d/60-readerkit.rules", "/etc/readerkit/appsettings.json",
                     "/usr/lib/readerkit/models/models.json", "/usr/lib/readerkit/models/SHA256SUMS", "/usr/lib/readerkit/readerkit-host.runtimeconfig.json",
                     "/usr/share/doc/readerkit/install.md", "/usr/share/doc/readerkit/wiring.md", "/usr/share/doc/readerkit/copyright",
                 })
        {
            Assert.True(byPath.ContainsKey(file), $"{file} missing");
            Assert.Equal("-rw-r--r--", byPath[file].Mode);
        }

        foreach (var model in DoctorTool.ModelFiles)
        {
            Assert.True(byPath.ContainsKey("/usr/lib/readerkit/models/" + model), $"model {model} (DoctorTool.ModelFiles) missing");
        }

        Assert.All(entries, e => Assert.Equal("root/root", e.Owner));
        // The journal, keys and tokens belong to the installation, never to the package: dpkg must not own (or remove) them.
        Assert.DoesNotContain(entries, e => e.Path.StartsWith("/var/", StringComparison.Ordinal) || e.Path.StartsWith("/run/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Path.EndsWith(".xml", StringComparison.Ordinal) || e.Path.EndsWith("libcoreclrtraceptprovider.so", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arm64", "AArch64")]
    [InlineData("amd64", "X86-64")]
    public void Binaries_are_built_for_the_package_architecture(string arch, string machine)
    {
        var lib = Path.Combine(packages.Tree(arch), "usr", "lib", "readerkit");
        var elves = Directory.EnumerateFiles(lib).Where(IsElf).ToList();
        Assert.Contains(elves, e => Path.GetFileName(e) == "libonnxruntime.so");
        Assert.Contains(elves, e => Path.GetFileName(e) == "libe_sqlite3.so");
        Assert.Contains(elves, e => Path.GetFileName(e) == "libSkiaSharp.so");
        foreach (var elf in elves)
        {
            var header = Shell.Ok("readelf", "-h", elf).Stdout;
            Assert.True(header.Contains(machine, StringComparison.Ordinal), $"{Path.GetFileName(elf)} is not {machine}:\n{header}");
        }

        // Self-contained: the runtime travels with the program, one runtime for both programs.
        foreach (var app in new[] { "readerkit-host", "readerkit" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(lib, app + ".runtimeconfig.json")));
            Assert.True(doc.RootElement.GetProperty("runtimeOptions").TryGetProperty("includedFrameworks", out _), $"{app} is not self-contained");
        }

        // The service compiles each method once (no tiering: flat JIT memory, ReaderKit.Host.csproj); the CLI keeps the default.
        using (var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(lib, "readerkit-host.runtimeconfig.json"))))
        {
            Assert.True(
                host.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").TryGetProperty("System.Runtime.TieredCompilation", out var tiered)
                && tiered.ValueKind == JsonValueKind.False,
                "readerkit-host.runtimeconfig.json does not turn tiered compilation off");
        }

        Assert.False(Directory.Exists(Path.Combine(lib, "runtimes")), "RID-specific publish should flatten native assets");

        // Managed assemblies: portable IL (AnyCPU) or compiled for this architecture (ReadyToRun runtime assemblies,
        // whose Machine carries the Linux override 0x7B79). A RID-specific build can otherwise leave the programs'
        // own assemblies compiled for the other architecture.
        var own = arch == "arm64" ? Machine.Arm64 : Machine.Amd64;
        foreach (var dll in Directory.EnumerateFiles(lib, "*.dll"))
        {
            using var pe = new PEReader(File.OpenRead(dll));
            Assert.True(pe.HasMetadata, $"{Path.GetFileName(dll)} is a native Windows library, useless on Linux");

            var peMachine = pe.PEHeaders.CoffHeader.Machine;
            var flags = pe.PEHeaders.CorHeader!.Flags;
            var portable = peMachine == Machine.I386 && flags.HasFlag(CorFlags.ILOnly) && !flags.HasFlag(CorFlags.Requires32Bit);
            var native = peMachine == own || (ushort)peMachine == ((ushort)own ^ 0x7B79);
            Assert.True(portable || native, $"{Path.GetFileName(dll)} is for {peMachine} ({flags}), not AnyCPU or {arch}");
        }
    }

    [Theory]
    [MemberData(nameof(Arches))]
    public void Shipped_models_match_models_json_and_SHA256SUMS(string arch)
    {
        var models = Path.Combine(packages.Tree(arch), "usr", "lib", "readerkit", "models");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(models, "models.json")));
        var listed = manifest.RootElement.GetProperty("models").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("sha256").GetString()!);
        var sums = File.ReadAllLines(Path.Combine(models, "SHA256SUMS")).Select(l => l.Split("  ")).ToDictionary(p => p[1], p => p[0]);
        var onDisk = Directory.EnumerateFiles(models, "*.onnx").Select(Path.GetFileName).ToHashSet();
        Assert.Equal(onDisk.Order(), listed.Keys.Order());
        Assert.Equal(onDisk.Order(), sums.Keys.Order());
        Assert.Superset(DoctorTool.ModelFiles.ToHashSet(), onDisk!);
        foreach (var name in onDisk)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(models, name!))));
            Assert.Equal(listed[name!], actual);
            Assert.Equal(sums[name!], actual);
        }

        // The same manifest entries as the build's models.json (the package ships a subset, unchanged).
        using var built = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "artifacts", "models", "models.json")));
        foreach (var name in onDisk)
        {
            Assert.Equal(built.RootElement.GetProperty("models").GetProperty(name!).GetProperty("sha256").GetString(), listed[name!]);
        }
    }

    [Fact]
    public void Verify_models_passes_the_packaged_models_and_refuses_altered_missing_or_unlisted_ones()
    {
        var script = Path.Combine(packages.Tree("amd64"), "usr", "lib", "readerkit", "verify-models");
        var packaged = Path.Combine(packages.Tree("amd64"), "usr", "lib", "readerkit", "models");
        var ok = Shell.Run(script, packaged);
        Assert.True(ok.ExitCode == 0, ok.Both);

        var copy = Directory.CreateTempSubdirectory("rk-models-").FullName;
        try
        {
            void Reset()
            {
                foreach (var f in Directory.EnumerateFiles(copy))
                {
                    File.Delete(f);
                }

                foreach (var f in Directory.EnumerateFiles(packaged))
                {
                    File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
                }
            }

            Reset();
            using (var s = File.Open(Path.Combine(copy, "blazeface.onnx"), FileMode.Open, FileAccess.ReadWrite))
            {
                s.Seek(4096, SeekOrigin.Begin);
                var b = s.ReadByte();
                s.Seek(4096, SeekOrigin.Begin);
                s.WriteByte((byte)(b ^ 0x01));
            }

            var altered = Shell.Run(script, copy);
            Assert.Equal(65, altered.ExitCode);
            Assert.Contains("blazeface.onnx", altered.Stderr, StringComparison.Ordinal);

            Reset();
            File.Delete(Path.Combine(copy, "facemesh.onnx"));
            Assert.Equal(65, Shell.Run(script, copy).ExitCode);

            Reset();
            File.WriteAllBytes(Path.Combine(copy, "extra.onnx"), [1, 2, 3]);
            var unlisted = Shell.Run(script, copy);
            Assert.Equal(65, unlisted.ExitCode);
            Assert.Contains("extra.onnx", unlisted.Stderr, StringComparison.Ordinal);

            Reset();
            File.Delete(Path.Combine(copy, "models.json"));
            Assert.Equal(65, Shell.Run(script, copy).ExitCode);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>
    /// Every shared library the amd64 binaries link against (ELF NEEDED) is either shipped in the package or provided
    /// by a package named in Depends (resolved through this Debian system's dpkg database); the arm64 package needs
    /// no library the amd64 one does not.
    /// </summary>
    [Fact]
    public void Linked_libraries_are_shipped_or_declared_dependencies()
    {
        var depends = DependsNames(Fields(packages.Deb(PackageFixture.Version1, "amd64"))["Depends"]);
        var needed = new Dictionary<string, HashSet<string>>();
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            var lib = Path.Combine(packages.Tree(arch), "usr", "lib", "readerkit");
            var shipped = Directory.EnumerateFiles(lib).Select(Path.GetFileName).ToHashSet();
            needed[arch] = Directory.EnumerateFiles(lib).Where(IsElf)
                .SelectMany(e => NeededRegex().Matches(Shell.Ok("readelf", "-d", e).Stdout).Select(m => m.Groups[1].Value))
                .Where(n => !shipped.Contains(n))
                .ToHashSet(StringComparer.Ordinal);
        }

        Assert.Subset(needed["amd64"], needed["arm64"].Select(n => n.Replace("ld-linux-aarch64.so.1", "ld-linux-x86-64.so.2", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal));
        var ldconfig = Shell.Ok("/sbin/ldconfig", "-p").Stdout;
        foreach (var soname in needed["amd64"])
        {
            var path = Regex.Match(ldconfig, @"^\s*" + Regex.Escape(soname) + @" \(libc6,x86-64[^)]*\) => (\S+)", RegexOptions.Multiline).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(path), $"{soname} is not installed on this system");
            var package = OwningPackage(path);
            Assert.True(depends.Contains(package), $"{soname} comes from {package}, which Depends does not name ({string.Join(", ", depends)})");
        }
    }

    /// <summary>The package owning a library, trying the path as cached, its target, and the merged-/usr twin.</summary>
    private static string OwningPackage(string path)
    {
        var real = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        var candidates = new[] { path, real }
            .SelectMany(p => new[] { p, p.StartsWith("/usr/", StringComparison.Ordinal) ? p[4..] : "/usr" + p })
            .Distinct();
        foreach (var candidate in candidates)
        {
            var r = Shell.Run("dpkg-query", "-S", candidate);
            if (r.ExitCode == 0)
            {
                return r.Stdout.Split(':')[0].Trim();
            }
        }

        Assert.Fail($"no installed package owns {path}");
        return "";
    }

    private static ReadOnlySpan<byte> ElfMagic => [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    private static bool IsElf(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var s = File.OpenRead(path);
        return s.Read(magic) == 4 && magic.SequenceEqual(ElfMagic);
    }

    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")]
    private static partial Regex NeededRegex();
}
