using System.Security.Cryptography;
using System.Text;

namespace ReaderKit.VirtualCard.Images;

/// <summary>
/// Renders the card-face PNGs: digits (security code 24×12, My Number 72×12) with a real 5×7 digit font, and
/// name/address images with deterministic pseudo-glyphs (one 16×16 cell per character, derived from the
/// character) because no CJK font ships with the simulator. Sizes follow the surveyed card where known.
/// </summary>
public static class CardFaceImages
{
    private static readonly string[] DigitFont =
    [
        "01110100011001110101110011000101110", // 0
        "00100011000010000100001000010001110", // 1
        "01110100010000100010001000100011111", // 2
        "11111000100010000010000011000101110", // 3
        "00010001100101010010111110001000010", // 4
        "11111100001111000001000011000101110", // 5
        "00110010001000011110100011000101110", // 6
        "11111000010001000100010000100001000", // 7
        "01110100011000101110100011000101110", // 8
        "01110100011000101111000010001001100", // 9
    ];

    /// <summary>Security-code image: 4 digits, 24×12, 1-bit PNG.</summary>
    public static byte[] SecurityCode(string digits) => Digits(digits, 24, 12);

    /// <summary>My Number image: 12 digits, 72×12, 1-bit PNG.</summary>
    public static byte[] MyNumber(string digits) => Digits(digits, 72, 12);

    /// <summary>Name image: one line of 16×16 pseudo-glyphs, at least 256 px wide, 1-bit PNG.</summary>
    public static byte[] Name(string text) => Text(text, 20);

    /// <summary>Address image: pseudo-glyphs wrapped at 20 characters per line, 1-bit PNG.</summary>
    public static byte[] Address(string text) => Text(text, 20);

    private static byte[] Digits(string digits, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var bitmap = new bool[height, width];
        var cell = width / Math.Max(1, digits.Length);
        for (var i = 0; i < digits.Length; i++)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                continue;
            }

            var glyph = DigitFont[digits[i] - '0'];
            var x0 = (i * cell) + ((cell - 5) / 2);
            var y0 = (height - 7) / 2;
            for (var gy = 0; gy < 7; gy++)
            {
                for (var gx = 0; gx < 5; gx++)
                {
                    if (glyph[(gy * 5) + gx] == '1')
                    {
                        bitmap[y0 + gy, x0 + gx] = true;
                    }
                }
            }
        }

        return PngWriter.Encode1Bit(bitmap);
    }

    private static byte[] Text(string text, int charsPerLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int Cell = 16;
        var runes = text.EnumerateRunes().ToArray();
        var lines = Math.Max(1, (runes.Length + charsPerLine - 1) / charsPerLine);
        var width = Math.Max(256, Math.Min(runes.Length, charsPerLine) * Cell) + 8;
        var height = (lines * (Cell + 4)) + 4;
        var bitmap = new bool[height, width];
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            if (Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(rune.ToString()));
            int x0 = 4 + ((i % charsPerLine) * Cell), y0 = 4 + ((i / charsPerLine) * (Cell + 4));
            // 7×7 pattern from the hash, mirrored to 14×14 so it looks glyph-like, with a 1-px margin.
            for (var gy = 0; gy < 14; gy++)
            {
                for (var gx = 0; gx < 14; gx++)
                {
                    int sx = gx < 7 ? gx : 13 - gx, sy = gy / 2;
                    var bit = (sy * 7) + sx;
                    if (((hash[bit / 8] >> (bit % 8)) & 1) != 0)
                    {
                        bitmap[y0 + 1 + gy, x0 + 1 + gx] = true;
                    }
                }
            }
        }

        return PngWriter.Encode1Bit(bitmap);
    }
}
