namespace ReaderKit.Native.Tests;

/// <summary>The C test program under valgrind: one result per case, then valgrind's own verdict.</summary>
public sealed class CLibraryTests(CTestRun run) : IClassFixture<CTestRun>
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in CTestRun.CaseNames)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void C_case_passes_under_valgrind(string name)
    {
        var line = run.LineOf(name);
        Assert.True(line is not null, $"case {name} did not report (exit {run.Exit}):\n{run.Stdout}\n{Tail(run.Stderr)}");
        Assert.StartsWith("ok ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_program_exits_zero_and_valgrind_finds_no_error_or_leak()
    {
        Assert.True(run.Exit == 0, $"exit {run.Exit} (valgrind errors exit {CTestRun.ValgrindErrorExit}):\n{run.Stdout}\n{Tail(run.Stderr)}");
        Assert.Contains("ERROR SUMMARY: 0 errors", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{CTestRun.CaseNames.Count} cases, 0 failed", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Valgrind_catches_a_leaked_library_string_in_the_control_build()
    {
        var (exit, stdout, stderr) = run.LeakControl;
        Assert.Contains("ok leak_control", stdout, StringComparison.Ordinal); // the program itself passed...
        Assert.Equal(CTestRun.ValgrindErrorExit, exit); // ...and valgrind failed it for the leak
        Assert.Contains("definitely lost", stderr, StringComparison.Ordinal);
        Assert.Contains("case_leak_control", stderr, StringComparison.Ordinal);
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}
