namespace ReaderKit.Native.Tests;

/// <summary>Paths in the repository and the built libreaderkit.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug, as this test assembly was built.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";

    public static string Header => Path.Combine(Root, "native", "include", "readerkit.h");

    public static string CTest => Path.Combine(Root, "tests", "ReaderKit.Native.Tests", "c", "readerkit_test.c");

    public static string Library(string rid) => Path.Combine(Root, "native", "build", rid, "libreaderkit.so");

    public static string TestHostDll => Path.Combine(Root, "tests", "ReaderKit.RpcTestHost", "bin", Configuration, "net10.0", "ReaderKit.RpcTestHost.dll");

    /// <summary>The x64 library; built by <c>native/build.sh</c> (tests/run.sh calls it before the tests).</summary>
    public static string RequireLibrary(string rid)
    {
        var path = Library(rid);
        Assert.True(File.Exists(path), $"{path} is missing: run native/build.sh (tests/run.sh does before the tests)");
        return path;
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

        throw new InvalidOperationException("ReaderKit.sln not found above " + AppContext.BaseDirectory);
    }
}
