using ReaderKit.VirtualCard.Crypto;

namespace ReaderKit.VirtualCard.Tests;

/// <summary>
/// The shipped trust file of the default test PKI (<see cref="TestPki.DefaultTrustJson"/>, read by the simulated host
/// instead of generating every CA key at start-up) is exactly what the default seed generates; set
/// <c>READERKIT_UPDATE_TEST_PKI_TRUST=1</c> to rewrite it after a change to the hierarchy.
/// </summary>
public sealed class DefaultTrustFileTests
{
    [Fact]
    public void Shipped_default_trust_file_is_what_the_default_seed_generates()
    {
        var generated = TestPki.Default.ExportTrustJson();
        if (TestPki.DefaultTrustJson != generated && Environment.GetEnvironmentVariable("READERKIT_UPDATE_TEST_PKI_TRUST") == "1")
        {
            File.WriteAllText(SourcePath(), generated);
            return;
        }

        Assert.Equal(generated, TestPki.DefaultTrustJson);
        Assert.Contains("\"test\": true", TestPki.DefaultTrustJson, StringComparison.Ordinal);
        Assert.DoesNotContain("private", TestPki.DefaultTrustJson, StringComparison.OrdinalIgnoreCase);
    }

    private static string SourcePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReaderKit.sln")))
            {
                return Path.Combine(dir.FullName, "hardware", "ReaderKit.VirtualCard", "Crypto", "default-trust.json");
            }
        }

        throw new FileNotFoundException("ReaderKit.sln not found above the test directory.");
    }
}
