namespace ReaderKit.Forms.Tests;

public sealed class SlipAndSealTests
{
    [Theory]
    [InlineData(SlipWidth.Mm58, 164.41)]
    [InlineData(SlipWidth.Mm80, 226.77)]
    public void The_slip_has_the_roll_width_the_receipt_and_a_decodable_qr_code(SlipWidth width, double points)
    {
        var form = Samples.Form(Samples.AllFields);
        var pdf = PdfTools.Save(ReceiptSlipRenderer.RenderPdf(form.Receipt, width), $"slip-{(int)width}.pdf");

        var (w, h) = PdfTools.PageSize(pdf);
        Assert.Equal(points, w, 0.5);
        Assert.InRange(h, w, 3 * w);
        var text = PdfTools.Text(pdf);
        Assert.Contains("01JH-3K5M-8Q2R-7XZW", text, StringComparison.Ordinal);
        Assert.Contains("reader-7", text, StringComparison.Ordinal);
        Assert.Contains("オフライン", text, StringComparison.Ordinal);
        Assert.Contains("J-LIS", text, StringComparison.Ordinal);
        Assert.Contains("2026年12月2日 10:23:45 JST", text, StringComparison.Ordinal);
        Assert.Matches(@"合格\s+真正性", text);
        Assert.Matches(@"合格\s+ICチップ実在", text);
        Assert.Matches(@"合格\s+顔照合", text);
        Assert.DoesNotContain(Samples.Name, text, StringComparison.Ordinal);
        Assert.DoesNotContain("霞が関", text, StringComparison.Ordinal);

        // Everything inside the paper, and the whole hash printed for typing it in by hand.
        var words = PdfTools.Words(pdf);
        Assert.All(words, word => Assert.InRange(word.XMax, 0, w));
        Assert.All(words, word => Assert.InRange(word.XMin, 0, w));
        Assert.Equal(ReceiptText.Grouped(form.Receipt.Hash), string.Join(' ', words.Where(word => word.Text.Length == 4 && word.Text.All(char.IsAsciiHexDigit)).Select(word => word.Text)));

        var png = PdfTools.Png(pdf, 203); // a thermal head's 8 dots per mm
        Assert.InRange(PdfTools.InkCoverage(png), 0.02, 0.6);
        var payload = Assert.Single(PdfTools.Decode(png));
        Assert.Equal(ReceiptSeal.QrPayload(form.Receipt), payload);
    }

    [Fact]
    public void The_hash_depends_on_every_verified_item_and_the_key()
    {
        var receipt = Samples.Receipt();
        var fields = Samples.AllFields;
        var h = ReceiptSeal.Compute(TestKey.Fixed, receipt, fields);
        Assert.Equal(ReceiptSeal.HashHexLength, h.Length);
        Assert.Equal(h, ReceiptSeal.Compute(TestKey.Fixed, receipt with { RecordId = "01jh3k5m8q2r7xzw" }, fields));
        Assert.Equal(h, ReceiptSeal.Compute(TestKey.Fixed, receipt, fields with { BirthDateEra = new EraYear("X", 9) }));

        string[] variants =
        [
            ReceiptSeal.Compute(TestKey.Fixed, receipt with { RecordId = "01JH-3K5M-8Q2R-7XZX" }, fields),
            ReceiptSeal.Compute(TestKey.Fixed, receipt with { DeviceId = "reader-8" }, fields),
            ReceiptSeal.Compute(TestKey.Fixed, receipt with { VerifiedAt = receipt.VerifiedAt.AddMilliseconds(1) }, fields),
            ReceiptSeal.Compute(TestKey.Fixed, receipt with { Mode = ReceiptMode.Online }, fields),
            ReceiptSeal.Compute(TestKey.Fixed, receipt with { Checks = [.. receipt.Checks.Skip(1)] }, fields),
            ReceiptSeal.Compute(TestKey.Fixed, receipt, fields with { Name = "山田太朗" }),
            ReceiptSeal.Compute(TestKey.Fixed, receipt, fields with { Address = Samples.Address + "一" }),
            ReceiptSeal.Compute(TestKey.Fixed, receipt, fields with { BirthDate = new DateOnly(1980, 2, 18) }),
            ReceiptSeal.Compute(TestKey.Fixed, receipt, fields with { Sex = "女" }),
            ReceiptSeal.Compute(TestKey.Fixed, receipt, fields with { Name = null }),
            ReceiptSeal.Compute(new TestKey(new byte[32]), receipt, fields),
        ];
        Assert.DoesNotContain(h, variants);
        Assert.Equal(variants.Length, variants.Distinct().Count());
    }

    [Fact]
    public void Qr_payload_parses_back_and_rejects_other_text()
    {
        var form = Samples.Form(Samples.AllFields);
        Assert.True(ReceiptSeal.TryParseQrPayload(ReceiptSeal.QrPayload(form.Receipt), out var id, out var hash));
        Assert.Equal(form.Receipt.RecordId, id);
        Assert.Equal(form.Receipt.Hash, hash);
        Assert.False(ReceiptSeal.TryParseQrPayload("https://example.invalid/", out _, out _));
        Assert.False(ReceiptSeal.TryParseQrPayload(ReceiptSeal.QrPrefix + "01JH:abc", out _, out _));
        Assert.False(ReceiptSeal.TryParseQrPayload(ReceiptSeal.QrPrefix + "01JH:" + new string('G', 32), out _, out _));
    }

    [Fact]
    public void Inconsistent_receipts_are_refused()
    {
        var r = Samples.Receipt();
        Assert.Throws<FormInputException>(() => ReceiptSlipRenderer.RenderPdf(r with { Hash = "short" }));
        Assert.Throws<FormInputException>(() => ReceiptSlipRenderer.RenderPdf(r with { StaffOperatorId = "op-1" }));
        Assert.Throws<FormInputException>(() => ReceiptSlipRenderer.RenderPdf(r with { Checks = [.. r.Checks, r.Checks[0]] }));
        Assert.Throws<FormInputException>(() => OutageFormRenderer.RenderPdf(new OutageForm(r, Samples.AllFields with { BirthDateEra = null })));
    }

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("1234-5678-9012", true)]
    [InlineData("１２３４ ５６７８ ９０１２", true)]
    [InlineData("12345678901", false)]
    [InlineData("1-2-3 東京都 4567890123", false)]
    [InlineData("12345678901a2", false)]
    public void My_number_shapes_are_recognised(string text, bool expected) =>
        Assert.Equal(expected, ReceiptText.LooksLikeMyNumber(text));
}
