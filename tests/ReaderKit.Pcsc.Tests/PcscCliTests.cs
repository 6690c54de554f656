using System.CommandLine;
using System.Text.Json;
using ReaderKit.Cli;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Pcsc.Tests;

/// <summary><c>readerkit probe|verify --link pcsc [--reader NAME]</c> in-process, against pcscd + vpcd.</summary>
[Collection(VpcdCollection.Name)]
public sealed class PcscCliTests(VpcdReader reader)
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliCommands.RunAsync(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [PcscdFact]
    public async Task Verify_over_pcsc_accepts_a_genuine_card_in_the_shared_schema()
    {
        await reader.InsertAsync("yamada-taro");
        var persona = PersonaCatalog.Get("yamada-taro");
        var trust = Path.Combine(Path.GetTempPath(), $"readerkit-pcsc-trust-{Guid.NewGuid():N}.json");
        TestPki.Default.WriteTrustJson(trust);
        try
        {
            var (exit, output, error) = await Run(
                "verify", "--link", "pcsc", "--reader", reader.ReaderName[^5..], "--trust", trust, "--allow-test-anchors",
                "--birth-date", persona.Holder.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "--expiry-year", persona.ExpiryDate.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--security-code", persona.SecurityCode, "--allow-argv-secret", "--json");

            Assert.True(exit == 0, output + error);
            using var doc = JsonDocument.Parse(output);
            Assert.True(doc.RootElement.GetProperty("accepted").GetBoolean());
            Assert.DoesNotContain(persona.SecurityCode + "\"", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(trust);
        }
    }

    [PcscdFact]
    public async Task Verify_with_an_unknown_reader_is_a_reader_error_listing_the_readers()
    {
        var (exit, output, error) = await Run(
            "verify", "--link", "pcsc", "--reader", "PaSoRi", "--birth-date", "1980-02-17", "--expiry-year", "2035",
            "--security-code", "9731", "--allow-argv-secret", "--json");

        Assert.True(exit == 3, output + error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("ReaderUnavailable", doc.RootElement.GetProperty("error").GetProperty("name").GetString());
        Assert.Contains(reader.ReaderName, error, StringComparison.Ordinal);
    }

    [PcscdFact]
    public async Task Probe_lists_the_readers_and_reports_the_card()
    {
        await reader.InsertAsync("yamada-taro");
        var (exit, text, error) = await Run("probe", "--link", "pcsc", "--reader", reader.ReaderName);

        Assert.True(exit == 0, text + error);
        Assert.Contains($"reader: {reader.ReaderName} (PC/SC)", text, StringComparison.Ordinal);
        Assert.Contains("card: present, ATR ", text, StringComparison.Ordinal);
    }

    [PcscdFact]
    public async Task Probe_with_an_ambiguous_name_fails_and_lists_the_readers()
    {
        var (exit, _, error) = await Run("probe", "--link", "pcsc", "--reader", VpcdReader.FriendlyName);
        Assert.Equal(3, exit);
        Assert.Contains("matches 2 PC/SC readers", error, StringComparison.Ordinal);
    }
}
