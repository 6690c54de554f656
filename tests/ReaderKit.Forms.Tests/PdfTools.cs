using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace ReaderKit.Forms.Tests;

/// <summary>The Debian tools the rendering tests read the output with (poppler-utils, zbar-tools; installed by .ci/setup-deps.sh).</summary>
internal static partial class PdfTools
{
    public static string Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process p;
        try
        {
            p = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed: run .ci/setup-deps.sh (poppler-utils, zbar-tools).", e);
        }

        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000))
            {
                p.Kill(true);
                throw new TimeoutException($"{tool} did not finish in 60 s.");
            }

            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} exited {p.ExitCode}: {stderr.Result}");
            }

            return stdout.Result;
        }
    }

    public static string Save(byte[] pdf, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "readerkit-forms-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary><c>pdftotext -layout</c>.</summary>
    public static string Text(string pdf) => Run("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-");

    /// <summary>Every word with its box (<c>pdftotext -bbox</c>), in points from the page's top-left.</summary>
    public static List<Word> Words(string pdf)
    {
        var html = Run("pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-");
        return [.. WordPattern().Matches(html).Select(m => new Word(
            System.Net.WebUtility.HtmlDecode(m.Groups[5].Value),
            F(m.Groups[1].Value), F(m.Groups[2].Value), F(m.Groups[3].Value), F(m.Groups[4].Value)))];
    }

    /// <summary><c>pdftoppm</c> page 1 as PNG at <paramref name="dpi"/>; returns the PNG path.</summary>
    public static string Png(string pdf, int dpi, string? outputPrefix = null)
    {
        var prefix = outputPrefix ?? Path.ChangeExtension(pdf, null) + "-" + dpi;
        Run("pdftoppm", "-f", "1", "-l", "1", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-png", "-singlefile", pdf, prefix);
        return prefix + ".png";
    }

    /// <summary>Every symbol zbarimg decodes from the image, raw.</summary>
    public static string[] Decode(string png) =>
        Run("zbarimg", "--raw", "-q", png).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Fraction of pixels darker than mid-grey.</summary>
    public static double InkCoverage(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        long dark = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if ((c.Red + c.Green + c.Blue) / 3 < 128)
                {
                    dark++;
                }
            }
        }

        return (double)dark / ((long)bitmap.Width * bitmap.Height);
    }

    /// <summary>(width, height) of page 1 in points (<c>pdfinfo</c>).</summary>
    public static (double Width, double Height) PageSize(string pdf)
    {
        var m = PageSizePattern().Match(Run("pdfinfo", pdf));
        return (F(m.Groups[1].Value), F(m.Groups[2].Value));
    }

    private static double F(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex("""<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>""")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"Page size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSizePattern();
}

internal sealed record Word(string Text, double XMin, double YMin, double XMax, double YMax)
{
    public double YMid => (YMin + YMax) / 2;
}
