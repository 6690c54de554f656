using System.Globalization;
using System.Text.RegularExpressions;
using ReaderKit.Contracts;

namespace ReaderKit.Native.Tests;

/// <summary>readerkit.h against the shared ErrorCode table, the exports of both builds, and the C test's coverage.</summary>
public sealed partial class HeaderContractTests
{
    private static readonly string Header = File.ReadAllText(Repo.Header);

    private static IReadOnlySet<string> DeclaredFunctions { get; } =
        FunctionDeclaration().Matches(Header).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_error_code_of_the_shared_table_is_in_the_header_with_its_negative_number_and_nothing_else()
    {
        var macros = ErrorMacro().Matches(Header).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var expected = ErrorCodes.All.Where(i => i.Code != ErrorCode.Ok)
            .ToDictionary(i => "RK_E_" + SnakeCase().Replace(i.Name, "_").ToUpperInvariant(), i => (int)i.Code > 0 ? -(int)i.Code : (int)i.Code, StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), macros.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(macros.Values, v => Assert.True(v < 0));
        Assert.Contains("#define RK_OK 0", Header, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_numbers_are_the_shared_verdict_kinds()
    {
        foreach (var verdict in Enum.GetValues<VerdictKind>())
        {
            var name = "RK_VERDICT_" + SnakeCase().Replace(verdict.ToString(), "_").ToUpperInvariant();
            Assert.Matches($@"#define {name} {(int)verdict}\b", Header);
        }
    }

    [Theory]
    [InlineData("linux-x64", 0x3E)]
    [InlineData("linux-arm64", 0xB7)]
    public async Task The_library_exports_exactly_the_functions_the_header_declares(string rid, int elfMachine)
    {
        var library = Repo.RequireLibrary(rid);
        var elf = File.ReadAllBytes(library).AsSpan(0, 20).ToArray();
        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], elf[..4]);
        Assert.Equal(3, elf[16]); // ET_DYN: a shared object
        Assert.Equal(elfMachine, elf[18] | (elf[19] << 8));

        var (exit, stdout, stderr) = await Run.ProgramAsync("nm", ["-D", "--defined-only", library], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, stderr);
        var exported = stdout.Split('\n').Select(l => l.Split(' ')).Where(p => p.Length == 3 && p[2].StartsWith("readerkit_", StringComparison.Ordinal))
            .Select(p => p[2].Split('@')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(DeclaredFunctions.Order(StringComparer.Ordinal), exported.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_c_test_calls_every_declared_function()
    {
        var test = File.ReadAllText(Repo.CTest);
        Assert.True(DeclaredFunctions.Count >= 30, "header parse found only " + DeclaredFunctions.Count);
        Assert.All(DeclaredFunctions, f => Assert.Matches(@"\b" + f + @"\(", test));
    }

    [GeneratedRegex(@"^(?:const\s+)?\w+\s*\*?\s*(readerkit_\w+)\(", RegexOptions.Multiline)]
    private static partial Regex FunctionDeclaration();

    [GeneratedRegex(@"^#define (RK_E_\w+)\s+\((-?\d+)\)", RegexOptions.Multiline)]
    private static partial Regex ErrorMacro();

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex SnakeCase();
}
