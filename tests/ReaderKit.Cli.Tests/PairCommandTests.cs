using System.CommandLine;
using ReaderKit.Rpc.Security;

namespace ReaderKit.Cli.Tests;

/// <summary><c>readerkit pair</c>: the fingerprint it prints is the device certificate's, the token it prints is the one the host accepts.</summary>
public sealed class PairCommandTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("rk-pair-");

    public void Dispose() => _state.Delete(recursive: true);

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliCommands.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static string Value(string output, string prefix) =>
        output.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();

    [Fact]
    public async Task Pair_prints_the_certificate_fingerprint_and_a_token_the_host_accepts_then_list_and_revoke()
    {
        var (exit, output, error) = await Run("pair", "--state-dir", _state.FullName, "--name", "pharmacy-pc-1");
        Assert.True(exit == 0, output + error);
        var token = Value(output, "token:");
        using (var identity = DeviceIdentity.LoadOrCreate(_state.FullName))
        {
            Assert.Equal(identity.Fingerprint, Value(output, "device certificate SHA-256:"));
        }

        var store = ClientTokenStore.Open(_state.FullName);
        Assert.Equal("pharmacy-pc-1", store.Verify(token));
        Assert.DoesNotContain(token, File.ReadAllText(Path.Combine(_state.FullName, ClientTokenStore.FileName)), StringComparison.Ordinal);
        Assert.Contains("shown only now", error, StringComparison.Ordinal);

        (exit, output, _) = await Run("pair", "--state-dir", _state.FullName, "--list");
        Assert.Equal(0, exit);
        Assert.StartsWith("pharmacy-pc-1\tpaired ", output, StringComparison.Ordinal);

        (exit, output, _) = await Run("pair", "--state-dir", _state.FullName, "--revoke", "pharmacy-pc-1");
        Assert.Equal((0, "revoked: pharmacy-pc-1"), (exit, output.Trim()));
        Assert.Null(ClientTokenStore.Open(_state.FullName).Verify(token));
        (exit, _, _) = await Run("pair", "--state-dir", _state.FullName, "--revoke", "pharmacy-pc-1");
        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task Pair_without_a_name_is_bad_input()
    {
        var (exit, output, error) = await Run("pair", "--state-dir", _state.FullName);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("--name", error, StringComparison.Ordinal);
    }
}
