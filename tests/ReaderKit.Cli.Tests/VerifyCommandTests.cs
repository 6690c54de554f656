using System.CommandLine;
using System.Text.Json;
using ReaderKit.Cli.Reader;

namespace ReaderKit.Cli.Tests;

/// <summary>The verify verb's input rules, the shared report schema and exit codes, and the explicit verb list (in-process, no hardware).</summary>
public sealed class VerifyCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliCommands.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static readonly string[] NoSuchPort = ["verify", "--link", "hsu", "--port", "/dev/readerkit-no-such-port", "--card-wait", "1"];

    [Fact]
    public async Task The_security_code_on_argv_is_refused_without_the_explicit_option()
    {
        var (exit, output, error) = await Run([.. NoSuchPort, "--birth-date", "1980-02-17", "--expiry-year", "2035", "--security-code", "9731"]);
        Assert.Equal(2, exit);
        Assert.Contains("refused", error, StringComparison.Ordinal);
        Assert.DoesNotContain("9731", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_explicit_option_the_tap_runs_and_a_missing_reader_is_a_reader_error_in_the_shared_schema()
    {
        var (exit, output, error) = await Run([.. NoSuchPort, "--birth-date", "1980-02-17", "--expiry-year", "2035", "--security-code", "9731", "--allow-argv-secret", "--json"]);
        Assert.True(exit == 3, output + error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("readerkit.verification/1", root.GetProperty("schema").GetString());
        Assert.Equal("ReaderError", root.GetProperty("verdict").GetString());
        Assert.Equal("ReaderUnavailable", root.GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(2001, root.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(3, root.GetProperty("exitCode").GetInt32());
        Assert.False(root.GetProperty("accepted").GetBoolean());
        Assert.Contains("verify: ReaderUnavailable: ", error, StringComparison.Ordinal); // the verb's one standard-error line
        Assert.DoesNotContain("9731", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("probe")]
    public async Task A_reader_name_without_the_pcsc_link_is_bad_input(string verb)
    {
        var (exit, _, error) = await Run(verb == "verify"
            ? [.. NoSuchPort, "--reader", "PaSoRi", "--birth-date", "1980-02-17", "--expiry-year", "2035", "--security-code", "9731", "--allow-argv-secret"]
            : ["probe", "--link", "hsu", "--port", "/dev/readerkit-no-such-port", "--reader", "PaSoRi"]);
        Assert.True(exit == (verb == "verify" ? 2 : 3), error);
        Assert.Contains("--link pcsc", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task A_floor_below_one_is_bad_input(string floor)
    {
        var (exit, _, error) = await Run([.. NoSuchPort, "--number-b-stdin", "--floor", floor]);
        Assert.Equal(2, exit);
        Assert.Contains("--floor", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--frames", "3")]
    [InlineData("--frames", "1000")]
    [InlineData("--face-threshold", "0.01")]
    [InlineData("--face-threshold", "NaN")]
    public async Task Face_options_outside_their_safe_range_are_bad_input(string option, string value)
    {
        var (exit, _, _) = await Run([.. NoSuchPort, "--number-b-stdin", "--camera", "file:/tmp", "--allow-replay-camera", option, value]);
        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task A_replayed_camera_is_refused_without_the_explicit_option()
    {
        // Issue 9 §2: camera verification runs the active challenge; recorded frames cannot, so they need an explicit opt-in.
        var (exit, output, error) = await Run([.. NoSuchPort, "--number-b-stdin", "--camera", "file:/tmp"]);
        Assert.Equal(2, exit);
        Assert.Contains("--allow-replay-camera", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--link", "usb")]
    [InlineData("--camera", "webcam")]
    [InlineData("--card-wait", "0")]
    [InlineData("--no-such-option", "1")]
    public async Task Other_bad_options_are_bad_input(string option, string value)
    {
        var (exit, _, error) = await Run([.. NoSuchPort, "--number-b-stdin", option, value]);
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public async Task Verify_and_verify_dump_print_the_same_top_level_schema()
    {
        var (_, verify, _) = await Run([.. NoSuchPort, "--birth-date", "1980-02-17", "--expiry-year", "2035", "--security-code", "9731", "--allow-argv-secret", "--json"]);
        var dir = Directory.CreateTempSubdirectory("cli-schema").FullName;
        try
        {
            var card = ReaderKit.Trust.Tests.Fixtures.TestCard.Create();
            File.WriteAllBytes(Path.Combine(dir, "c.bin"), card.SurfaceCvc);
            var (_, dump, _) = await Run("verify-dump", "--surface-cvc", Path.Combine(dir, "c.bin"), "--json");
            static IEnumerable<string> Keys(string json)
            {
                using var doc = JsonDocument.Parse(json);
                return [.. doc.RootElement.EnumerateObject().Select(p => p.Name)];
            }

            Assert.Equal(Keys(verify), Keys(dump));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Every_verb_is_listed_explicitly()
    {
        Assert.Equal(
            ["demo", "doctor", "face-challenge", "face-eval", "form", "journal", "pair", "phone", "probe", "status", "verify", "verify-dump"],
            CliCommands.Root().Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void Number_b_from_standard_input_parses_and_clears()
    {
        using var numberB = NumberBInput.FromReader(new StringReader("1980-02-17 2035 9731\n"), western: false);
        Assert.Equal(2035, numberB.ExpiryYear);
    }

    [Theory]
    [InlineData("1980-02-17 2035 97x1")]
    [InlineData("1980-13-45 2035 9731")]
    [InlineData("1980-02-17 35 9731")]
    [InlineData("1980-02-17 2035")]
    [InlineData("")]
    public void Malformed_standard_input_is_refused_without_echoing_it(string line)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => NumberBInput.FromReader(new StringReader(line), western: false));
        foreach (var part in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.DoesNotContain(part, e.Message, StringComparison.Ordinal);
        }
    }
}
