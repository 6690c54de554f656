using SkiaSharp;

namespace ReaderKit.Forms;

/// <summary>
/// Renders the self-declaration form (被保険者資格申立書, ReaderKit's own layout — not an official template) as a one-page
/// A4 PDF: the items staff copy by hand today, pre-filled only from verified card data and each marked
/// <c>［IC読取・検証済］</c>; the rest blank for the holder; signature boxes blank; the verification receipt with its QR
/// code at the foot. Never prints a My Number (there is no field for one, and any printed value shaped like one is
/// refused).
/// </summary>
public static class OutageFormRenderer
{
    /// <summary>A4 in PostScript points.</summary>
    public const float PageWidth = 595.28f;

    /// <summary>A4 in PostScript points.</summary>
    public const float PageHeight = 841.89f;

    private const float Margin = 42f;
    private const float LabelWidth = 112f;

    /// <summary>The PDF bytes.</summary>
    /// <exception cref="FormInputException">The input is inconsistent (see <see cref="ReceiptText"/>'s rules); nothing is rendered.</exception>
    /// <exception cref="FormFontUnavailableException">No Japanese font.</exception>
    public static byte[] RenderPdf(OutageForm form, FormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        options ??= new FormOptions();
        ReceiptText.Validate(form.Receipt, form.Fields, options);
        using var face = JapaneseFont.Load(options.FontPath);
        using var output = new MemoryStream();
        using (var doc = SKDocument.CreatePdf(output, Metadata("被保険者資格申立書", form.Receipt)))
        {
            var canvas = doc.BeginPage(PageWidth, PageHeight);
            using (var ink = new Ink(canvas, face))
            {
                Draw(ink, form, options);
            }

            doc.EndPage();
            doc.Close();
        }

        return output.ToArray();
    }

    internal static SKDocumentPdfMetadata Metadata(string title, VerificationReceipt receipt) => new()
    {
        Title = title,
        Subject = "ReaderKit outage paperwork, record " + receipt.RecordId,
        Creator = "ReaderKit",
        Producer = "ReaderKit",
        Creation = receipt.VerifiedAt.UtcDateTime,
        Modified = receipt.VerifiedAt.UtcDateTime,
        RasterDpi = 300,
    };

    private static void Draw(Ink ink, OutageForm form, FormOptions options)
    {
        var f = form.Fields;
        var width = PageWidth - (2 * Margin);
        var left = Margin;
        var y = Margin;

        ink.Text("被保険者資格申立書", PageWidth / 2, y + 20, 20, SKTextAlign.Center);
        ink.Text("（ReaderKit 様式 ― オンライン資格確認が利用できないときの申立て）", PageWidth / 2, y + 38, 9, SKTextAlign.Center);
        if (options.SiteName is { Length: > 0 } site)
        {
            ink.Text(site, PageWidth - Margin, y + 56, 9, SKTextAlign.Right);
        }

        y += 66;
        y = ink.Paragraph(
            "オンライン資格確認が利用できないため、以下のとおり申し立てます。「IC読取・検証済」と記した欄は、マイナンバーカードのICチップから読み取り、" +
            "J-LIS の電子署名を検証した内容です。内容をご確認のうえ、空欄をご記入・署名してください。誤りがあれば二重線で訂正してください。",
            left, y + 10, 9, width) + 2;

        var valueX = left + LabelWidth + 8;
        var valueWidth = width - LabelWidth - 16 - ink.Width(ReceiptText.VerifiedMark, 8);

        y = Row(ink, left, y, width, 40, "氏名", f.Name is { } name ? [name] : null, 14, valueX);
        y = Row(ink, left, y, width, 40, "生年月日",
            f.BirthDate is { } bd ? [$"{ReceiptText.Western(bd)}（{ReceiptText.Era(bd, f.BirthDateEra!)}）"] : null, 12, valueX,
            blankHint: "　　　　年　　月　　日（西暦・和暦いずれも可）");
        if (options.IncludeSex)
        {
            y = f.Sex is { } sex
                ? Row(ink, left, y, width, 30, "性別", [sex], 12, valueX)
                : Row(ink, left, y, width, 30, "性別", null, 12, valueX, blankHint: "□ 男　　□ 女");
        }

        var addressLines = f.Address is { } address ? ink.Wrap(address, 11, valueWidth) : null;
        y = Row(ink, left, y, width, Math.Max(52, 18 + ((addressLines?.Count ?? 1) * 16)), "住所", addressLines, 11, valueX);
        y = Row(ink, left, y, width, 32, "連絡先（電話）", null, 11, valueX);

        // Insurance type: always by hand (the card does not carry it offline), with the "don't know" choice.
        var insuranceTop = y;
        ink.Rect(left, y, width, 48);
        ink.Line(left + LabelWidth, y, left + LabelWidth, y + 48);
        ink.Text("加入している", left + 8, y + 20, 10);
        ink.Text("医療保険の種類", left + 8, y + 34, 10);
        var choices = new[] { "被用者保険（社保・共済など）", "国民健康保険", "後期高齢者医療制度", "その他（　　　　　　）", "わからない" };
        var cx = valueX;
        var cy = y + 8;
        foreach (var choice in choices)
        {
            var w = 14 + ink.Width(choice, 10) + 14;
            if (cx + w > left + width)
            {
                cx = valueX;
                cy += 18;
            }

            ink.CheckBox(cx, cy + 2, 9);
            ink.Text(choice, cx + 13, cy + 10, 10);
            cx += w;
        }

        y = insuranceTop + 48;
        y = Row(ink, left, y, width, 30, "記入日", null, 11, valueX, blankHint: "　　　　年　　月　　日");

        // Signature boxes, blank.
        y += 10;
        ink.Text("申立者署名", left, y + 10, 10);
        ink.Rect(left, y + 14, (width / 2) - 6, 46);
        ink.Text("代理人が記入した場合：代理人氏名・続柄", left + (width / 2) + 6, y + 10, 10);
        ink.Rect(left + (width / 2) + 6, y + 14, (width / 2) - 6, 46);
        y += 68;
        ink.Text("受付担当者", left, y + 10, 9);
        ink.Rect(left + 56, y, 110, 16);
        ink.Text("（薬局・医療機関記入）", left + 172, y + 11, 8, grey: true);
        y += 26;

        ReceiptBlock(ink, form.Receipt, left, y, width, Math.Min(PageHeight - Margin - 24 - y, 172), options);
        ink.Paragraph(ReceiptText.NoMyNumber, left, PageHeight - Margin - 10, 8, width, grey: true);
    }

    /// <summary>One bordered row: label on the left, then either the verified value lines with the mark, or blank.</summary>
    private static float Row(Ink ink, float left, float top, float width, float height, string label, IReadOnlyList<string>? value, float size,
        float valueX, string blankHint = "")
    {
        ink.Rect(left, top, width, height);
        ink.Line(left + LabelWidth, top, left + LabelWidth, top + height);
        ink.Text(label, left + 8, top + (height / 2) + 4, 10);
        if (value is null)
        {
            if (blankHint.Length > 0)
            {
                ink.Text(blankHint, valueX, top + (height / 2) + 4, 10);
            }

            ink.Text(ReceiptText.HandwrittenHint, left + width - 6, top + 11, 7, SKTextAlign.Right, grey: true);
            return top + height;
        }

        var lineHeight = size * 1.4f;
        var baseline = top + (height / 2) + (size * 0.35f) - ((value.Count - 1) * lineHeight / 2);
        foreach (var line in value)
        {
            ink.Text(line, valueX, baseline, size);
            baseline += lineHeight;
        }

        ink.Text(ReceiptText.VerifiedMark, left + width - 6, top + 11, 8, SKTextAlign.Right);
        return top + height;
    }

    /// <summary>The verification receipt block: facts on the left, the QR code on the right.</summary>
    internal static void ReceiptBlock(Ink ink, VerificationReceipt r, float left, float top, float width, float height, FormOptions options)
    {
        ink.Rect(left, top, width, height, 1.2f);
        var qrSide = Math.Min(height - 30, 130f);
        var qrX = left + width - qrSide - 10;
        QrSymbol.Encode(ReceiptSeal.QrPayload(r)).Draw(ink.Canvas, qrX, top + 10, qrSide);
        ink.Text("照合ハッシュ", qrX + (qrSide / 2), top + qrSide + 18, 7, SKTextAlign.Center);

        var x = left + 10;
        var y = top + 18;
        ink.Text("検証レシート（ReaderKit オフライン確認記録）", x, y, 11);
        y += 18;
        foreach (var (label, value) in Facts(r, options))
        {
            ink.Text(label, x, y, 9);
            ink.Text(value, x + 70, y, 9);
            y += 13.5f;
        }

        y += 2;
        foreach (var kind in Enum.GetValues<ReceiptCheckKind>())
        {
            var status = r.StatusOf(kind);
            ink.Text(ReceiptText.Status(status), x, y, 9);
            var line = ReceiptText.Check(kind) + (kind == ReceiptCheckKind.StaffConfirmed && r.StaffOperatorId is { } op ? "　担当者 " + op : "");
            ink.Text(line, x + 36, y, 9);
            y += 13.5f;
        }

        ink.Text(ReceiptText.Grouped(r.Hash), qrX + (qrSide / 2), top + qrSide + 28, 6.5f, SKTextAlign.Center);
    }

    internal static IEnumerable<(string Label, string Value)> Facts(VerificationReceipt r, FormOptions options) =>
    [
        ("記録番号", r.RecordId),
        ("読取機ID", r.DeviceId),
        ("確認日時", ReceiptText.Time(r.VerifiedAt, options.LocalOffset)),
        ("モード", ReceiptText.Mode(r.Mode)),
    ];
}
