using System.Globalization;
using SkiaSharp;

namespace ReaderKit.Face.Evaluation;

/// <summary>
/// Detection error trade-off plot (ISO/IEC 19795-1): FNMR against FMR, both on normal-deviate (probit) axes from 0.01 % to
/// 50 %, one curve per series; a circle marks each curve's point at FMR 0.1 % and a cross the operating threshold. PNG via
/// SkiaSharp; labels use DejaVu Sans when installed (Debian <c>fonts-dejavu-core</c>), otherwise Skia's default typeface.
/// </summary>
public static class DetPlot
{
    private const double MinRate = 1e-4;
    private const double MaxRate = 0.5;
    private static readonly double[] Ticks = [1e-4, 1e-3, 1e-2, 0.05, 0.1, 0.2, 0.5];
    private static readonly SKColor[] Palette =
    [
        new(0x1f, 0x77, 0xb4), new(0xd6, 0x27, 0x28), new(0x2c, 0xa0, 0x2c), new(0xff, 0x7f, 0x0e),
        new(0x94, 0x67, 0xbd), new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0x17, 0xbe, 0xcf),
    ];

    /// <summary>Renders the plot as PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<DetSeries> series, string title, int width = 900, int height = 760)
    {
        ArgumentNullException.ThrowIfNull(series);
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("could not create a drawing surface");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = LoadTypeface();
        using var font = new SKFont(typeface, 15);
        using var small = new SKFont(typeface, 13);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1, IsAntialias = true, Style = SKPaintStyle.Stroke };

        var plot = new SKRect(90, 50, width - 30, height - 90);
        float X(double fmr) => plot.Left + (float)((Probit(Clamp(fmr)) - Probit(MinRate)) / (Probit(MaxRate) - Probit(MinRate)) * plot.Width);
        float Y(double fnmr) => plot.Bottom - (float)((Probit(Clamp(fnmr)) - Probit(MinRate)) / (Probit(MaxRate) - Probit(MinRate)) * plot.Height);

        foreach (var t in Ticks)
        {
            canvas.DrawLine(X(t), plot.Top, X(t), plot.Bottom, grid);
            canvas.DrawLine(plot.Left, Y(t), plot.Right, Y(t), grid);
            var text = Percent(t);
            canvas.DrawText(text, X(t), plot.Bottom + 20, SKTextAlign.Center, small, ink);
            canvas.DrawText(text, plot.Left - 8, Y(t) + 5, SKTextAlign.Right, small, ink);
        }

        using (var frame = new SKPaint { Color = SKColors.Black, StrokeWidth = 1.5f, Style = SKPaintStyle.Stroke, IsAntialias = true })
        {
            canvas.DrawRect(plot, frame);
        }

        canvas.DrawText(title, width / 2f, 30, SKTextAlign.Center, font, ink);
        canvas.DrawText("FMR (false match rate)", plot.MidX, height - 50, SKTextAlign.Center, font, ink);
        canvas.Save();
        canvas.RotateDegrees(-90, 25, plot.MidY);
        canvas.DrawText("FNMR (false non-match rate)", 25, plot.MidY, SKTextAlign.Center, font, ink);
        canvas.Restore();

        canvas.Save();
        canvas.ClipRect(plot);
        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            using var line = new SKPaint { Color = colour, StrokeWidth = 2.2f, Style = SKPaintStyle.Stroke, IsAntialias = true };
            var points = Curve(series[s].Genuine, series[s].Impostor).Select(p => new SKPoint(X(p.Fmr), Y(p.Fnmr))).ToArray();
            canvas.DrawPoints(SKPointMode.Polygon, points, line);
            var g = series[s].Genuine.Order().ToArray();
            var im = series[s].Impostor.Order().ToArray();
            var (fnmr3, t3) = VerificationStatistics.FnmrAtFmr(g, im, 1e-3);
            var at3 = VerificationStatistics.At(g, im, t3);
            canvas.DrawCircle(X(at3.Fmr), Y(fnmr3), 5, line);
            if (series[s].OperatingThreshold is { } threshold)
            {
                var op = VerificationStatistics.At(g, im, threshold);
                var (cx, cy) = (X(op.Fmr), Y(op.Fnmr));
                canvas.DrawLine(cx - 7, cy - 7, cx + 7, cy + 7, line);
                canvas.DrawLine(cx - 7, cy + 7, cx + 7, cy - 7, line);
            }
        }

        canvas.Restore();

        // Legend, bottom-left inside the plot.
        var y = plot.Bottom - 14 - ((series.Count - 1) * 20) - 24;
        foreach (var (s, i) in series.Select((s, i) => (s, i)))
        {
            using var swatch = new SKPaint { Color = Palette[i % Palette.Length], StrokeWidth = 3, IsAntialias = true };
            canvas.DrawLine(plot.Left + 12, y - 5, plot.Left + 36, y - 5, swatch);
            canvas.DrawText(s.Label, plot.Left + 44, y, SKTextAlign.Left, small, ink);
            y += 20;
        }

        canvas.DrawText("○ FMR 0.1 %   × operating threshold", plot.Left + 12, y + 4, SKTextAlign.Left, small, ink);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>(FMR, FNMR) at every distinct score used as a threshold, from the strictest to the most lenient.</summary>
    public static IReadOnlyList<(double Fmr, double Fnmr)> Curve(IReadOnlyList<double> genuine, IReadOnlyList<double> impostor)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        ArgumentNullException.ThrowIfNull(impostor);
        var g = genuine.Order().ToArray();
        var i = impostor.Order().ToArray();
        var thresholds = g.Concat(i).Distinct().OrderDescending().ToList();
        thresholds.Insert(0, double.PositiveInfinity);
        return thresholds.Select(t => VerificationStatistics.At(g, i, t)).Select(p => (p.Fmr, p.Fnmr)).ToList();
    }

    /// <summary>Inverse standard normal CDF (Acklam's rational approximation, relative error &lt; 1.2e-9).</summary>
    public static double Probit(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1);
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((((c[0] * q) + c[1]) * q) + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((((d[0] * q) + d[1]) * q) + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - low)
        {
            return -Probit(1 - p);
        }

        var r = p - 0.5;
        var r2 = r * r;
        return (((((((a[0] * r2) + a[1]) * r2) + a[2]) * r2 + a[3]) * r2 + a[4]) * r2 + a[5]) * r / (((((((b[0] * r2) + b[1]) * r2) + b[2]) * r2 + b[3]) * r2 + b[4]) * r2 + 1);
    }

    private static double Clamp(double rate) => Math.Clamp(rate, MinRate, MaxRate);

    private static string Percent(double rate) => string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.##} %");

    private static SKTypeface LoadTypeface()
    {
        const string dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        return (File.Exists(dejaVu) ? SKTypeface.FromFile(dejaVu) : null) ?? SKTypeface.Default;
    }
}
