using System.Text;
using System.Text.RegularExpressions;

namespace ReaderKit.Cli.Tests;

/// <summary><c>readerkit demo --outage</c> in-process: the simulated host offline, the form through the SDK, the offline-only export.</summary>
public sealed partial class DemoOutageTests
{
    [Fact]
    public async Task The_outage_demo_writes_the_form_of_an_offline_record_that_the_offline_export_lists()
    {
        var dir = Directory.CreateTempSubdirectory("readerkit-outage-test-");
        try
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var exit = await DemoCommand.RunOutageAsync("yamada-taro", "spi", dir.FullName, output, errors, timeout.Token);
            var text = output.ToString();
            Assert.True(exit == 0, text + errors);
            Assert.Contains("host mode: offline", text, StringComparison.Ordinal);
            Assert.Contains("mode offline", text, StringComparison.Ordinal);
            Assert.Contains("reconciliation: the offline-only journal export lists the record", text, StringComparison.Ordinal);

            var record = RecordLine().Match(text);
            Assert.True(record.Success, text);
            var id = record.Groups[1].Value;
            var path = FormLine().Match(text).Groups[1].Value;
            Assert.Equal(Path.Combine(dir.FullName, $"readerkit-form-{id}.pdf"), path);
            var pdf = await File.ReadAllBytesAsync(path);
            Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
            Assert.Contains($"journal record {id}", text, StringComparison.Ordinal); // the tap's record is the form's
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_persona_is_bad_input()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        Assert.Equal(2, await DemoCommand.RunOutageAsync("nobody-at-all", "spi", null, output, errors, CancellationToken.None));
    }

    [GeneratedRegex(@"^record: (\S+) \(receipt hash [0-9a-f]+\)$", RegexOptions.Multiline)]
    private static partial Regex RecordLine();

    [GeneratedRegex(@"^form: (.+\.pdf)$", RegexOptions.Multiline)]
    private static partial Regex FormLine();
}
