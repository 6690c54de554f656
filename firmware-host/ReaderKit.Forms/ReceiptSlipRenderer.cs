using SkiaSharp;

namespace ReaderKit.Forms;

/// <summary>
/// Renders the verification receipt alone as a PDF for a thermal roll printer (58 or 80 mm wide, as long as the content
/// needs): reader id, time, mode, each check, the journal record id, the QR code (record id + keyed hash) and the hash
/// in groups of four. No personal field is printed on the slip.
/// </summary>
public static class ReceiptSlipRenderer
{
    private const float PointsPerMm = 72f / 25.4f;

    /// <summary>The PDF bytes (one page, <paramref name="width"/> wide).</summary>
    /// <exception cref="FormInputException">The receipt is inconsistent; nothing is rendered.</exception>
    /// <exception cref="FormFontUnavailableException">No Japanese font.</exception>
    public static byte[] RenderPdf(VerificationReceipt receipt, SlipWidth width = SlipWidth.Mm80, FormOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        options ??= new FormOptions();
        ReceiptText.Validate(receipt, VerifiedPersonalFields.None, options);
        if (!Enum.IsDefined(width))
        {
            throw new FormInputException("The slip width must be 58 or 80 mm.");
        }

        using var face = JapaneseFont.Load(options.FontPath);
        var pageWidth = (int)width * PointsPerMm;

        // Measure on a canvas that draws nothing, then draw on a page exactly that long.
        float height;
        using (var probe = new SKNoDrawCanvas((int)pageWidth, 20000))
        using (var ink = new Ink(probe, face))
        {
            height = Draw(ink, receipt, pageWidth, width, options);
        }

        using var output = new MemoryStream();
        using (var doc = SKDocument.CreatePdf(output, OutageFormRenderer.Metadata("検証レシート", receipt)))
        {
            var canvas = doc.BeginPage(pageWidth, height);
            using (var ink = new Ink(canvas, face))
            {
                Draw(ink, receipt, pageWidth, width, options);
            }

            doc.EndPage();
            doc.Close();
        }

        return output.ToArray();
    }

    /// <summary>Draws the slip; returns the page height it needs.</summary>
    private static float Draw(Ink ink, VerificationReceipt r, float pageWidth, SlipWidth width, FormOptions options)
    {
        var margin = (width == SlipWidth.Mm58 ? 5f : 4f) * PointsPerMm;
        var content = pageWidth - (2 * margin);
        var size = width == SlipWidth.Mm58 ? 7.5f : 9f;
        var lead = size * 1.45f;
        var x = margin;
        var y = margin + size;

        ink.Text("検証レシート", pageWidth / 2, y + 3, size * 1.5f, SKTextAlign.Center);
        y += lead * 1.6f;
        if (options.SiteName is { Length: > 0 } site)
        {
            y = ink.Paragraph(site, x, y, size, content);
        }

        y = ink.Paragraph("オフライン確認記録（ReaderKit）", x, y, size, content);
        ink.Line(x, y - (size * 0.6f), x + content, y - (size * 0.6f));
        y += size * 0.4f;
        var narrow = width == SlipWidth.Mm58;
        foreach (var (label, value) in OutageFormRenderer.Facts(r, options))
        {
            if (narrow)
            {
                // Label on its own line, the value indented below: 48 mm holds about 16 characters.
                ink.Text(label, x, y, size);
                y = ink.Paragraph(value, x + size, y + lead, size, content - size);
            }
            else
            {
                y = ink.Paragraph(label + "：" + value, x, y, size, content);
            }
        }

        y += size * 0.3f;
        foreach (var kind in Enum.GetValues<ReceiptCheckKind>())
        {
            var status = ReceiptText.Status(r.StatusOf(kind));
            ink.Text(status, x, y, size);
            var line = ReceiptText.CheckShort(kind) + (kind == ReceiptCheckKind.StaffConfirmed && r.StaffOperatorId is { } op ? "　担当者 " + op : "");
            y = ink.Paragraph(line, x + (size * 3.5f), y, size, content - (size * 3.5f));
        }

        y += size * 0.3f;
        var qrSide = Math.Min(content, 40 * PointsPerMm);
        QrSymbol.Encode(ReceiptSeal.QrPayload(r)).Draw(ink.Canvas, (pageWidth - qrSide) / 2, y, qrSide);
        y += qrSide + lead;
        ink.Text("記録番号 " + r.RecordId, pageWidth / 2, y, size * 1.1f, SKTextAlign.Center);
        y += lead;
        ink.Text("照合ハッシュ", pageWidth / 2, y, size * 0.8f, SKTextAlign.Center);
        y += lead * 0.85f;
        var half = ReceiptSeal.HashHexLength / 2;
        ink.Text(ReceiptText.Grouped(r.Hash[..half]), pageWidth / 2, y, size * 0.9f, SKTextAlign.Center);
        y += lead * 0.85f;
        ink.Text(ReceiptText.Grouped(r.Hash[half..]), pageWidth / 2, y, size * 0.9f, SKTextAlign.Center);
        y += lead * 1.2f;
        y = ink.Paragraph(ReceiptText.NoMyNumber, x, y, size * 0.8f, content, grey: true);
        return y + margin;
    }
}
