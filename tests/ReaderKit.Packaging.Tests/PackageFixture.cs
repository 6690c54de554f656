namespace ReaderKit.Packaging.Tests;

/// <summary>
/// The packages every test uses, built once by <c>hardware/packaging/ci-packages.sh</c> (which calls build-deb.sh):
/// version <see cref="Version1"/> for arm64 and amd64 (one publish per architecture; the second reuses the first's
/// compiled libraries), then <see cref="Version2"/> for amd64 packed again from the same publish, for the upgrade test.
/// The face models come from <c>artifacts/models</c>, which CI's setup builds with build-models.sh.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string Version1 = "1.0.0";
    public const string Version2 = "1.0.1";

    public PackageFixture()
    {
        // tests/run.sh builds the packages before the test projects run (outside the per-test hang timeout) and
        // names the folder here; started on its own, the fixture builds them with the same script.
        var prebuilt = Environment.GetEnvironmentVariable("READERKIT_PACKAGING_BUILT");
        var baseDir = prebuilt ?? Path.Combine(RepoPaths.Root, "artifacts", "packaging-ci");
        Out = Path.Combine(baseDir, "out");
        if (prebuilt is null)
        {
            var r = Shell.Run("bash", [Path.Combine(RepoPaths.Packaging, "ci-packages.sh"), baseDir], TimeSpan.FromMinutes(20));
            if (r.ExitCode != 0)
            {
                throw new InvalidOperationException($"ci-packages.sh exited {r.ExitCode}:\n{r.Both}");
            }
        }

        if (!File.Exists(Path.Combine(Out, ".complete")))
        {
            throw new InvalidOperationException($"the package build in {baseDir} did not complete (see tests/run.sh's packaging log)");
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

    /// <summary>Where the .deb files are.</summary>
    public string Out { get; }

    /// <summary><c>dpkg-deb -x</c> of each version-1 package (<c>arm64/</c>, <c>amd64/</c>) and <c>-e</c> (<c>arm64-control/</c>, …).</summary>
    public string Extracted { get; }

    public string Deb(string version, string arch) => Path.Combine(Out, $"readerkit_{version}_{arch}.deb");

    public string Tree(string arch) => Path.Combine(Extracted, arch);

    public string Control(string arch) => Path.Combine(Extracted, arch + "-control");

    public void Dispose()
    {
    }
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "packages";
}
