namespace ReaderKit.Packaging.Tests;

/// <summary>Locates the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Packaging => Path.Combine(Root, "hardware", "packaging");

    public static string Docs => Path.Combine(Root, "hardware", "docs");

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
