using System.Buffers.Binary;
using SkiaSharp;

namespace ReaderKit.Forms;

/// <summary>
/// Finds a system font with the Japanese glyphs the paperwork prints. No font is shipped: the package needs Debian's
/// <c>fonts-ipaexfont-gothic</c> (preferred: TrueType outlines, embedded as a subset with a text layer) or
/// <c>fonts-noto-cjk</c>. Order: <see cref="FormOptions.FontPath"/>, <c>$READERKIT_FORM_FONT</c>, the known Debian
/// paths (<see cref="KnownPaths"/>), then SkiaSharp's font manager matching a kanji. A candidate must hold every glyph
/// of the form's fixed text.
/// </summary>
public static class JapaneseFont
{
    /// <summary>The environment variable that names a font file.</summary>
    public const string EnvironmentVariable = "READERKIT_FORM_FONT";

    /// <summary>
    /// The Debian packages that provide a usable font, preferred first: what the readerkit package names (Recommends,
    /// as alternatives) and what <c>.ci/setup-deps.sh</c> installs (the first).
    /// </summary>
    public static IReadOnlyList<string> DebianPackages { get; } = ["fonts-ipaexfont-gothic", "fonts-noto-cjk"];

    /// <summary>Debian paths tried in order.</summary>
    public static IReadOnlyList<string> KnownPaths { get; } =
    [
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
        "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    ];

    /// <summary>Glyphs every candidate must have (the form's fixed text draws from these and similar kanji and kana).</summary>
    internal const string Probe = "被保険者資格申立書氏名生年月日住所性別連絡先署名検証済記録番号読取機わからないオフライン令和昭和平成";

    /// <summary>Loads the first usable font.</summary>
    /// <exception cref="FormFontUnavailableException">None has the glyphs (or the configured file is missing or unusable).</exception>
    public static SKTypeface Load(string? configuredPath = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return TryFile(configuredPath) ?? throw new FormFontUnavailableException(
                $"The configured form font {configuredPath} is missing or lacks Japanese glyphs.");
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env)
        {
            return TryFile(env) ?? throw new FormFontUnavailableException(
                $"The form font named by {EnvironmentVariable} ({env}) is missing or lacks Japanese glyphs.");
        }

        foreach (var path in KnownPaths)
        {
            if (TryFile(path) is { } face)
            {
                return face;
            }
        }

        var matched = SKFontManager.Default.MatchCharacter('申');
        if (matched is not null && HasGlyphs(matched))
        {
            return matched;
        }

        matched?.Dispose();
        throw new FormFontUnavailableException(
            "No font with Japanese glyphs was found: install the Debian package fonts-ipaexfont-gothic (or fonts-noto-cjk), " +
            $"or point {EnvironmentVariable} or Forms:FontPath at a TrueType/OpenType font with Japanese glyphs.");
    }

    private static SKTypeface? TryFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var face = OutlinesOnly(path);
        if (face is null)
        {
            return null;
        }

        if (HasGlyphs(face))
        {
            return face;
        }

        face.Dispose();
        return null;
    }

    /// <summary>
    /// Loads the font with its OS/2 embedding flags set to "restricted" in memory (the file is untouched). SkiaSharp's
    /// native build has no font subsetter, so an embeddable font is written into every PDF whole (6 MB for IPAex
    /// Gothic); a restricted one makes Skia's PDF backend draw only the glyphs used, as Type 3 outlines with a
    /// ToUnicode map — a form of about a hundred kilobytes whose text still extracts. Fonts without an OS/2 table,
    /// and collections (.ttc), load unchanged.
    /// </summary>
    private static SKTypeface? OutlinesOnly(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 12 && BinaryPrimitives.ReadUInt32BigEndian(bytes) is 0x00010000 or 0x4F54544F)
        {
            var tables = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(4));
            for (var i = 0; i < tables && 12 + (16 * (i + 1)) <= bytes.Length; i++)
            {
                var record = bytes.AsSpan(12 + (16 * i), 16);
                if (record[..4].SequenceEqual("OS/2"u8))
                {
                    var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
                    if (offset + 10 <= bytes.Length)
                    {
                        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(offset + 8), 0x0002);
                    }

                    break;
                }
            }
        }

        using var data = SKData.CreateCopy(bytes);
        return SKTypeface.FromData(data);
    }

    private static bool HasGlyphs(SKTypeface face)
    {
        using var font = new SKFont(face);
        return font.ContainsGlyphs(Probe);
    }
}
