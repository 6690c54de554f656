using System.Text;
using SkiaSharp;

namespace ReaderKit.Forms;

/// <summary>Small drawing helpers over one canvas and one typeface (points; y grows downwards).</summary>
internal sealed class Ink : IDisposable
{
    private readonly Dictionary<float, SKFont> _fonts = [];
    private readonly SKPaint _text = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint _grey = new() { Color = new SKColor(0x60, 0x60, 0x60), IsAntialias = true };
    private readonly SKPaint _stroke = new() { Color = SKColors.Black, Style = SKPaintStyle.Stroke, IsAntialias = true };

    public Ink(SKCanvas canvas, SKTypeface face)
    {
        Canvas = canvas;
        Face = face;
    }

    public SKCanvas Canvas { get; }

    public SKTypeface Face { get; }

    /// <summary>
    /// Draws one line. The run carries its UTF-8 text and clusters, so the PDF backend can attach the real text
    /// (ActualText) where the font's reverse mapping would name a shared glyph by another code point (IPAex draws 立 and
    /// the Kangxi radical ⽴ with one glyph); copy, search and pdftotext then see the characters that were drawn.
    /// </summary>
    public void Text(string text, float x, float baseline, float size, SKTextAlign align = SKTextAlign.Left, bool grey = false)
    {
        if (text.Length == 0)
        {
            return;
        }

        var font = Font(size);
        var paint = grey ? _grey : _text;
        var start = align switch
        {
            SKTextAlign.Center => x - (font.MeasureText(text) / 2),
            SKTextAlign.Right => x - font.MeasureText(text),
            _ => x,
        };
        var glyphs = font.GetGlyphs(text);
        var utf8 = Encoding.UTF8.GetBytes(text);
        var clusters = new uint[glyphs.Length];
        var g = 0;
        var offset = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (g == clusters.Length)
            {
                break;
            }

            clusters[g++] = (uint)offset;
            offset += rune.Utf8SequenceLength;
        }

        if (g != glyphs.Length)
        {
            Canvas.DrawText(text, start, baseline, SKTextAlign.Left, font, paint);
            return;
        }

        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocateTextRun(font, glyphs.Length, start, baseline, utf8.Length);
        run.SetGlyphs(glyphs);
        run.SetText(utf8);
        run.SetClusters(clusters);
        using var blob = builder.Build();
        if (blob is not null)
        {
            Canvas.DrawText(blob, 0, 0, paint);
        }
    }

    public float Width(string text, float size) => Font(size).MeasureText(text);

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> (by character: Japanese has no spaces).</summary>
    public List<string> Wrap(string text, float size, float maxWidth)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var start = 0;
            while (start < paragraph.Length)
            {
                var end = start + 1;
                while (end < paragraph.Length && Width(paragraph[start..(end + 1)], size) <= maxWidth)
                {
                    end++;
                }

                lines.Add(paragraph[start..end]);
                start = end;
            }

            if (paragraph.Length == 0)
            {
                lines.Add("");
            }
        }

        return lines;
    }

    /// <summary>Draws wrapped text from baseline <paramref name="firstBaseline"/>; returns the baseline after the last line.</summary>
    public float Paragraph(string text, float x, float firstBaseline, float size, float maxWidth, float leading = 1.45f, bool grey = false)
    {
        var y = firstBaseline;
        foreach (var line in Wrap(text, size, maxWidth))
        {
            Text(line, x, y, size, grey: grey);
            y += size * leading;
        }

        return y;
    }

    public void Rect(float x, float y, float w, float h, float stroke = 0.8f)
    {
        _stroke.StrokeWidth = stroke;
        Canvas.DrawRect(x, y, w, h, _stroke);
    }

    public void Line(float x0, float y0, float x1, float y1, float stroke = 0.6f)
    {
        _stroke.StrokeWidth = stroke;
        Canvas.DrawLine(x0, y0, x1, y1, _stroke);
    }

    /// <summary>An empty check box with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void CheckBox(float x, float y, float side) => Rect(x, y, side, side, 0.7f);

    public void Dispose()
    {
        foreach (var f in _fonts.Values)
        {
            f.Dispose();
        }

        _text.Dispose();
        _grey.Dispose();
        _stroke.Dispose();
    }

    private SKFont Font(float size)
    {
        if (!_fonts.TryGetValue(size, out var font))
        {
            font = new SKFont(Face, size) { Subpixel = true };
            _fonts[size] = font;
        }

        return font;
    }
}
