using System.Diagnostics;

namespace ReaderKit.Packaging.Tests;

/// <summary>
/// Builds the packages once for every test: <c>hardware/packaging/build-deb.sh</c> publishes each architecture once
/// (the second reuses the first's compiled assemblies) and packs version <see cref="Version1"/> for arm64 and amd64,
/// then <see cref="Version2"/> for amd64 from the same publish (<c>--reuse-publish</c>) for the upgrade test. The face
/// models come from <c>artifacts/models</c>, which CI's setup builds with build-models.sh. Work folders persist under
/// <c>artifacts/packaging-ci</c> so a second run compiles incrementally (override with READERKIT_PACKAGING_WORK).
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string Version1 = "1.0.0";
    public const string Version2 = "1.0.1";

    /// <summary>
    /// zstd in CI: xz (the release default) spends most of a minute per package on two shared cores; the package
    /// contents and maintainer behaviour do not depend on the compressor, and Debian 12's dpkg reads both.
    /// </summary>
    public const string Compressor = "zstd";

    public PackageFixture()
    {
        var baseDir = Environment.GetEnvironmentVariable("READERKIT_PACKAGING_WORK") ?? Path.Combine(RepoPaths.Root, "artifacts", "packaging-ci");
        Work = Path.Combine(baseDir, "work");
        Out = Path.Combine(baseDir, "out");
        var models = Path.Combine(RepoPaths.Root, "artifacts", "models");
        var script = Path.Combine(RepoPaths.Packaging, "build-deb.sh");
        BuildLog = "";
        // Local iteration only (CI never sets it): test the packages a previous run left in OUT.
        var prebuilt = Environment.GetEnvironmentVariable("READERKIT_PACKAGING_PREBUILT") == "1" && File.Exists(Deb(Version2, "amd64"));
        if (!prebuilt)
        {
            if (Directory.Exists(Out))
            {
                Directory.Delete(Out, recursive: true);
            }

            Directory.CreateDirectory(Out);
            var clock = Stopwatch.StartNew();
            BuildLog = Build(script, "--version", Version1, "--prebuilt-models", models, "--work", Work, "--out", Out, "--compress", Compressor);
            PublishAndPack = clock.Elapsed;
            clock.Restart();
            BuildLog += Build(script, "--arch", "amd64", "--version", Version2, "--reuse-publish", "--prebuilt-models", models, "--work", Work, "--out", Out, "--compress", Compressor);
            RepackOnly = clock.Elapsed;
            // For docs/benchmarks.md: what the packaging costs in CI and what it produces.
            var sizes = string.Join(", ", Directory.EnumerateFiles(Out, "*.deb").Order().Select(d => $"{Path.GetFileName(d)} {new FileInfo(d).Length / 1e6:0.0} MB"));
            File.WriteAllText(Path.Combine(baseDir, "timings.txt"),
                $"publish both arches + pack both: {PublishAndPack.TotalSeconds:0} s; pack again from the publish: {RepackOnly.TotalSeconds:0} s; load {File.ReadAllText("/proc/loadavg").Trim()}\n{sizes} ({Compressor})\n");
        }

        Extracted = Path.Combine(baseDir, "extracted");
        if (Directory.Exists(Extracted))
        {
            Directory.Delete(Extracted, recursive: true);
        }

        Directory.CreateDirectory(Extracted);

        foreach (var arch in new[] { "arm64", "amd64" })
        {
            Shell.Ok("dpkg-deb", "-x", Deb(Version1, arch), Path.Combine(Extracted, arch));
            Shell.Ok("dpkg-deb", "-e", Deb(Version1, arch), Path.Combine(Extracted, arch + "-control"));
        }
    }

    /// <summary>Scratch folder of build-deb.sh (publish output per arch, staged trees).</summary>
    public string Work { get; }

    /// <summary>Where the .deb files are.</summary>
    public string Out { get; }

    /// <summary><c>dpkg-deb -x</c> of each version-1 package (<c>arm64/</c>, <c>amd64/</c>) and <c>-e</c> (<c>arm64-control/</c>, …).</summary>
    public string Extracted { get; }

    public string BuildLog { get; }

    /// <summary>Time for publishing both architectures and packing both packages.</summary>
    public TimeSpan PublishAndPack { get; }

    /// <summary>Time for packing one more version from the existing publish.</summary>
    public TimeSpan RepackOnly { get; }

    public string Deb(string version, string arch) => Path.Combine(Out, $"readerkit_{version}_{arch}.deb");

    public string Tree(string arch) => Path.Combine(Extracted, arch);

    public string Control(string arch) => Path.Combine(Extracted, arch + "-control");

    public void Dispose()
    {
    }

    private static string Build(string script, params string[] args)
    {
        var r = Shell.Run("bash", [script, .. args], TimeSpan.FromMinutes(15));
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"build-deb.sh {string.Join(' ', args)} exited {r.ExitCode}:\n{r.Both}");
        }

        return r.Both;
    }
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "packages";
}
