using System.Text.RegularExpressions;

namespace ReaderKit.Forms.Tests;

/// <summary>The form as a reader of the PDF sees it: pdftotext for the text and positions, pdftoppm + zbarimg for the picture.</summary>
public sealed partial class FormRenderingTests
{
    private const string Mark = "［IC読取・検証済］";

    [Fact]
    public void Every_verified_field_is_printed_in_its_row_with_the_verified_mark()
    {
        var pdf = PdfTools.Save(OutageFormRenderer.RenderPdf(Samples.Form(Samples.AllFields)), "all-fields.pdf");
        var words = PdfTools.Words(pdf);

        AssertInRow(words, "氏名", Samples.Name);
        AssertInRow(words, "生年月日", "1980年2月17日（昭和55年2月17日）");
        AssertInRow(words, "住所", Samples.Address);
        Assert.Equal(3, words.Count(w => w.Text == Mark));
        Assert.DoesNotContain(words, w => w.Text == "性別");
    }

    [Fact]
    public void Only_the_verified_fields_are_pre_filled_the_others_are_blank_for_the_holder()
    {
        var fields = new VerifiedPersonalFields { Name = Samples.Name };
        var pdf = PdfTools.Save(OutageFormRenderer.RenderPdf(Samples.Form(fields)), "name-only.pdf");
        var words = PdfTools.Words(pdf);
        var text = PdfTools.Text(pdf);

        AssertInRow(words, "氏名", Samples.Name);
        Assert.Single(words, w => w.Text == Mark);
        Assert.DoesNotContain(Samples.Address, text, StringComparison.Ordinal);
        Assert.DoesNotContain("1980", text, StringComparison.Ordinal);
        Assert.DoesNotContain("昭和55", text, StringComparison.Ordinal);

        // The unverified rows carry the hand-writing hint on their own line, not the mark.
        var birthLabel = words.Single(w => w.Text == "生年月日");
        Assert.Contains(words, w => w.Text == "（ご本人が記入）" && Math.Abs(w.YMid - birthLabel.YMid) < 20);
    }

    [Fact]
    public void No_field_is_pre_filled_when_the_card_did_not_verify_genuine()
    {
        var receipt = Samples.Receipt(genuine: ReceiptCheckStatus.Failed);
        var form = new OutageForm(receipt with { Hash = ReceiptSeal.Compute(TestKey.Fixed, receipt, Samples.AllFields) }, Samples.AllFields);
        Assert.Throws<FormInputException>(() => OutageFormRenderer.RenderPdf(form));

        var blank = new OutageForm(receipt with { Hash = ReceiptSeal.Compute(TestKey.Fixed, receipt, VerifiedPersonalFields.None) }, VerifiedPersonalFields.None);
        var text = PdfTools.Text(PdfTools.Save(OutageFormRenderer.RenderPdf(blank), "not-genuine.pdf"));
        Assert.DoesNotContain(Mark, text, StringComparison.Ordinal);
        Assert.Contains("不合格", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_form_never_holds_a_my_number_and_refuses_a_value_shaped_like_one()
    {
        var text = PdfTools.Text(PdfTools.Save(OutageFormRenderer.RenderPdf(Samples.Form(Samples.AllFields)), "no-mynumber.pdf"));
        Assert.DoesNotMatch(TwelveDigits(), text.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("マイナンバー（個人番号）は記載していません", text, StringComparison.Ordinal);

        foreach (var leaked in new[] { "123456789012", "1234 5678 9012", "１２３４５６７８９０１２" })
        {
            var fields = Samples.AllFields with { Address = "東京都" + leaked };
            Assert.Throws<FormInputException>(() => OutageFormRenderer.RenderPdf(Samples.Form(fields)));
        }
    }

    [Fact]
    public void Sex_is_printed_only_when_the_site_enables_it()
    {
        var fields = Samples.AllFields with { Sex = "男" };
        var off = PdfTools.Words(PdfTools.Save(OutageFormRenderer.RenderPdf(Samples.Form(fields)), "sex-off.pdf"));
        Assert.DoesNotContain(off, w => w.Text == "性別");
        Assert.DoesNotContain(off, w => w.Text == "男");

        var on = PdfTools.Words(PdfTools.Save(OutageFormRenderer.RenderPdf(Samples.Form(fields), new FormOptions { IncludeSex = true }), "sex-on.pdf"));
        AssertInRow(on, "性別", "男");

        var blank = PdfTools.Text(PdfTools.Save(OutageFormRenderer.RenderPdf(Samples.Form(Samples.AllFields), new FormOptions { IncludeSex = true }), "sex-blank.pdf"));
        Assert.Contains("□男", blank.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_hand_filled_items_and_blank_signature_boxes_are_there()
    {
        var text = PdfTools.Text(PdfTools.Save(OutageFormRenderer.RenderPdf(Samples.Form(Samples.AllFields)), "items.pdf"));
        // Exact code points: 立 and 民 share their IPAex glyphs with radicals (⽴, ⺠); the text layer must still say 立 and 民.
        foreach (var item in new[] { "被保険者資格申立書", "連絡先（電話）", "医療保険の種類", "国民健康保険", "わからない", "記入日", "申立者署名", "代理人氏名・続柄" })
        {
            Assert.Contains(item, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_receipt_block_lists_reader_time_mode_checks_and_record_id()
    {
        var form = Samples.Form(Samples.AllFields, staff: "op-42");
        var text = PdfTools.Text(PdfTools.Save(OutageFormRenderer.RenderPdf(form), "receipt.pdf"));
        Assert.Contains("01JH-3K5M-8Q2R-7XZW", text, StringComparison.Ordinal);
        Assert.Contains("reader-7", text, StringComparison.Ordinal);
        Assert.Contains("2026年12月2日 10:23:45 JST", text, StringComparison.Ordinal);
        Assert.Contains("オフライン", text, StringComparison.Ordinal);
        Assert.Matches(@"合格\s+" + Regex.Escape("カードの真正性（J-LIS署名の検証）"), text);
        Assert.Matches(@"合格\s+ICチップの実在", text);
        Assert.Matches(@"未実施\s+顔照合", text);
        Assert.Matches(@"合格\s+職員による目視確認.*op-42", text);
    }

    [Fact]
    public void The_qr_code_decodes_to_the_record_id_and_the_keyed_hash()
    {
        var form = Samples.Form(Samples.AllFields);
        var pdf = PdfTools.Save(OutageFormRenderer.RenderPdf(form), "qr.pdf");
        var decoded = PdfTools.Decode(PdfTools.Png(pdf, 150));

        var payload = Assert.Single(decoded);
        Assert.True(ReceiptSeal.TryParseQrPayload(payload, out var id, out var hash));
        Assert.Equal("01JH-3K5M-8Q2R-7XZW", id);
        Assert.Equal(form.Receipt.Hash, hash);
        Assert.True(ReceiptSeal.Verify(TestKey.Fixed, form.Receipt with { Hash = hash }, form.Fields));
        Assert.DoesNotContain(Samples.Name, payload, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_one_is_a4_and_not_blank()
    {
        var pdf = PdfTools.Save(OutageFormRenderer.RenderPdf(Samples.Form(Samples.AllFields)), "page.pdf");
        var (w, h) = PdfTools.PageSize(pdf);
        Assert.Equal(595.28, w, 0.5);
        Assert.Equal(841.89, h, 0.5);
        // Only the glyphs used are written (the whole 6 MB font would be embedded otherwise).
        Assert.InRange(new FileInfo(pdf).Length, 10_000, 400_000);
        var coverage = PdfTools.InkCoverage(PdfTools.Png(pdf, 50));
        Assert.InRange(coverage, 0.01, 0.5);
    }

    [Fact]
    public void A_missing_or_non_japanese_font_is_a_typed_error()
    {
        var missing = Assert.Throws<FormFontUnavailableException>(() => OutageFormRenderer.RenderPdf(Samples.Form(Samples.AllFields), new FormOptions { FontPath = "/nonexistent/font.ttf" }));
        Assert.Equal(Contracts.ErrorCode.ConfigurationInvalid, missing.Code);
        const string latinOnly = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        if (File.Exists(latinOnly))
        {
            Assert.Throws<FormFontUnavailableException>(() => OutageFormRenderer.RenderPdf(Samples.Form(Samples.AllFields), new FormOptions { FontPath = latinOnly }));
        }
    }

    /// <summary>The value sits on the label's line, right of it, and the verified mark is in the same row.</summary>
    private static void AssertInRow(List<Word> words, string label, string value)
    {
        var l = words.Single(w => w.Text == label);
        var v = words.Where(w => value.StartsWith(w.Text, StringComparison.Ordinal) && w.Text.Length > 0 && Math.Abs(w.YMid - l.YMid) < 8).ToList();
        Assert.True(v.Count > 0, $"'{value}' is not on the line of '{label}'");
        Assert.Equal(value, string.Concat(words.Where(w => Math.Abs(w.YMid - l.YMid) < 8 && w.XMin > l.XMax && w.Text != Mark).OrderBy(w => w.XMin).Select(w => w.Text)));
        Assert.All(v, w => Assert.True(w.XMin > l.XMax));
        Assert.Contains(words, w => w.Text == Mark && w.YMid < l.YMid && l.YMid - w.YMid < 22);
    }

    [GeneratedRegex(@"[0-9０-９]{12}")]
    private static partial Regex TwelveDigits();
}
