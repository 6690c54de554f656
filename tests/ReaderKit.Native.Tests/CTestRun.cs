using System.Globalization;
using System.Text.RegularExpressions;

namespace ReaderKit.Native.Tests;

/// <summary>
/// Builds c/readerkit_test.c with gcc against libreaderkit.so (linux-x64) and runs it once under valgrind against two
/// test hosts (one stays up, one the program kills). valgrind's exit code is enforced: any invalid read or write, use of
/// uninitialised memory, or a definitely or indirectly lost block makes it exit 99. ("Possibly lost" blocks are the
/// thread stacks of the .NET runtime's own threads, which live until the process ends.)
/// </summary>
public sealed partial class CTestRun : IAsyncLifetime
{
    public const int ValgrindErrorExit = 99;

    private string? _workDirectory;

    public int Exit { get; private set; }

    public string Stdout { get; private set; } = string.Empty;

    public string Stderr { get; private set; } = string.Empty;

    /// <summary>The leak-control build: leaks one library string on purpose; valgrind must fail it.</summary>
    public (int Exit, string Stdout, string Stderr) LeakControl { get; private set; }

    public static string[] ValgrindArgs =>
        ["--error-exitcode=" + ValgrindErrorExit.ToString(CultureInfo.InvariantCulture), "--leak-check=full", "--errors-for-leak-kinds=definite,indirect", "--show-leak-kinds=definite,indirect", "--num-callers=30"];

    /// <summary>The case names in c/readerkit_test.c (the control case excluded).</summary>
    public static IReadOnlyList<string> CaseNames { get; } =
        [.. CaseEntry().Matches(File.ReadAllText(Repo.CTest)).Select(m => m.Groups[1].Value).Where(n => n != "leak_control")];

    public async Task InitializeAsync()
    {
        var library = Repo.RequireLibrary("linux-x64");
        _workDirectory = Directory.CreateTempSubdirectory("rk-ctest-").FullName;

        // valgrind cannot read the DWARF of the separate .so.dbg that NativeAOT writes next to the library, so the test
        // links against a copy without it.
        File.Copy(library, Path.Combine(_workDirectory, "libreaderkit.so"));
        var program = await CompileAsync("readerkit_test", []);
        var control = await CompileAsync("readerkit_test_leak", ["-DRK_TEST_LEAK_CONTROL"]);

        await using var host = await TestHost.StartAsync(stepDelayMs: 100);
        await using var victim = await TestHost.StartAsync(stepDelayMs: 5);
        var environment = new Dictionary<string, string>
        {
            ["RK_TEST_SOCKET"] = host.SocketPath,
            ["RK_TEST_TLS_PORT"] = host.TlsPort.ToString(CultureInfo.InvariantCulture),
            ["RK_TEST_FINGERPRINT"] = host.Fingerprint,
            ["RK_TEST_TOKEN"] = host.Token,
            ["RK_TEST_VICTIM_SOCKET"] = victim.SocketPath,
            ["RK_TEST_VICTIM_PID"] = victim.ProcessId.ToString(CultureInfo.InvariantCulture),
        };
        (Exit, Stdout, Stderr) = await Run.ProgramAsync("valgrind", [.. ValgrindArgs, program], TimeSpan.FromMinutes(4), environment);
        LeakControl = await Run.ProgramAsync("valgrind", [.. ValgrindArgs, control, "leak_control"], TimeSpan.FromMinutes(2), environment);
    }

    public Task DisposeAsync()
    {
        if (_workDirectory is not null)
        {
            Directory.Delete(_workDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>What the test program printed about one case.</summary>
    public string? LineOf(string name) =>
        Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("ok " + name + " ", StringComparison.Ordinal) || l.StartsWith("FAIL " + name + ":", StringComparison.Ordinal));

    private async Task<string> CompileAsync(string name, string[] defines)
    {
        var output = Path.Combine(_workDirectory!, name);
        var (exit, stdout, stderr) = await Run.ProgramAsync(
            "gcc",
            ["-std=c11", "-g", "-O1", "-Wall", "-Wextra", "-Werror", .. defines, "-I", Path.GetDirectoryName(Repo.Header)!, "-o", output, Repo.CTest, "-L", _workDirectory!, "-lreaderkit", "-lpthread", "-Wl,-rpath,$ORIGIN"],
            TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"gcc failed ({exit}):\n{stdout}\n{stderr}");
        return output;
    }

    [GeneratedRegex("""\{"(\w+)", case_\w+\}""")]
    private static partial Regex CaseEntry();
}
