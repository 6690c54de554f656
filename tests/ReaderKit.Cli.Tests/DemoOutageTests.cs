using System.Text;
using System.Text.RegularExpressions;
using ReaderKit.Forms;
using ReaderKit.Forms.Tests;
using ReaderKit.VirtualCard.Personas;

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

            // The paper itself: the record id printed on it and in its QR code (with the receipt hash the offline-only export
            // listed), the verified fields in their rows, and no My Number.
            var receiptHash = RecordLine().Match(text).Groups[2].Value;
            var formText = PdfTools.Text(path);
            Assert.Contains(id, formText, StringComparison.Ordinal);
            Assert.True(ReceiptSeal.TryParseQrPayload(Assert.Single(PdfTools.Decode(PdfTools.Png(path, 150))), out var qrId, out var qrHash));
            Assert.Equal(id, qrId);
            Assert.Equal(receiptHash, qrHash);
            var persona = PersonaCatalog.Get("yamada-taro");
            var words = PdfTools.Words(path);
            var birthRow = words.Single(w => w.Text == "生年月日");
            var birth = persona.Holder.DateOfBirth;
            Assert.Contains(words, w => w.Text.StartsWith($"{birth.Year}年{birth.Month}月{birth.Day}日", StringComparison.Ordinal) && Math.Abs(w.YMid - birthRow.YMid) < 8);
            Assert.Equal(3, words.Count(w => w.Text == "［IC読取・検証済］"));
            Assert.DoesNotContain(persona.MyNumber, formText.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

            // The slip of the same record: 80 mm (the host's default roll), the same QR payload, no personal field.
            var slip = SlipLine().Match(text).Groups[1].Value;
            Assert.Equal(Path.Combine(dir.FullName, $"readerkit-slip-{id}.pdf"), slip);
            Assert.Equal(226.77, PdfTools.PageSize(slip).Width, 0.5);
            Assert.True(ReceiptSeal.TryParseQrPayload(Assert.Single(PdfTools.Decode(PdfTools.Png(slip, 203))), out var slipId, out var slipHash));
            Assert.Equal((id, receiptHash), (slipId, slipHash));
            var slipText = PdfTools.Text(slip);
            Assert.Contains(id, slipText, StringComparison.Ordinal);
            Assert.DoesNotContain(persona.Holder.FamilyName, slipText, StringComparison.Ordinal);
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

    [GeneratedRegex(@"^record: (\S+) \(receipt hash ([0-9a-f]+)\)$", RegexOptions.Multiline)]
    private static partial Regex RecordLine();

    [GeneratedRegex(@"^form: (.+\.pdf)$", RegexOptions.Multiline)]
    private static partial Regex FormLine();

    [GeneratedRegex(@"^slip: (.+\.pdf)$", RegexOptions.Multiline)]
    private static partial Regex SlipLine();
}
