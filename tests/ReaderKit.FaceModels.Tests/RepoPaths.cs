using ReaderKit.Face.Models;

namespace ReaderKit.FaceModels.Tests;

/// <summary>Locates the repository and the npm inputs from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string NpmFolder => Path.Combine(Root, "firmware-host", "ReaderKit.Face.Models", "npm");

    public static string NodeModules => Path.Combine(NpmFolder, "node_modules");

    /// <summary>Fails (never skips) when the npm inputs are absent: CI installs them with npm ci.</summary>
    public static void RequireNodeModules()
    {
        if (!Directory.Exists(Path.Combine(NodeModules, "@vladmandic", "human")) || !Directory.Exists(Path.Combine(NodeModules, "@tensorflow", "tfjs-core")))
        {
            Assert.Fail($"npm inputs missing: run `npm ci` in {NpmFolder} (.ci/setup-deps.sh does this in CI).");
        }

        if (!File.Exists(Path.Combine(NpmFolder, "packs", ModelCatalog.FacepluginArchive)))
        {
            Assert.Fail($"npm tarball missing: run firmware-host/ReaderKit.Face.Models/build-models.sh (npm pack into {NpmFolder}/packs).");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReaderKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ReaderKit.sln not found above the test output folder.");
    }
}
