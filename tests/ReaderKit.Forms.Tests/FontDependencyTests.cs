namespace ReaderKit.Forms.Tests;

/// <summary>The font the paperwork needs is recorded where an installation reads it: the Debian package's control data and the CI setup.</summary>
public sealed class FontDependencyTests
{
    [Fact]
    public void The_readerkit_package_recommends_the_font_packages_the_renderer_knows()
    {
        var control = File.ReadAllLines(Path.Combine(RepositoryRoot(), "hardware", "packaging", "debian", "control.in"));
        var relations = control.Where(l => l.StartsWith("Depends:", StringComparison.Ordinal) || l.StartsWith("Recommends:", StringComparison.Ordinal))
            .SelectMany(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Split(','))
            .Select(group => group.Split('|').Select(a => a.Trim().Split(' ', '(')[0]).ToArray())
            .ToList();
        Assert.Contains(relations, group => group.SequenceEqual(JapaneseFont.DebianPackages));
    }

    [Fact]
    public void The_ci_setup_installs_the_preferred_font_package()
    {
        var setup = File.ReadAllText(Path.Combine(RepositoryRoot(), ".ci", "setup-deps.sh"));
        Assert.Matches(@"\n\s*" + JapaneseFont.DebianPackages[0] + @"\s", setup);
    }

    [Fact]
    public void The_preferred_package_installs_the_first_path_the_renderer_tries()
    {
        // dpkg's file list of the installed package (CI installs it): the package name and the path the loader tries agree.
        var files = PdfTools.Run("dpkg-query", "-L", JapaneseFont.DebianPackages[0]).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(JapaneseFont.KnownPaths[0], files);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReaderKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("ReaderKit.sln not found above the test directory.");
    }
}
