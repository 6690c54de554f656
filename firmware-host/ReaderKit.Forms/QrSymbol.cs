using QRCoder;
using SkiaSharp;

namespace ReaderKit.Forms;

/// <summary>
/// A QR code as a module matrix (QRCoder's encoder, error correction level M, byte mode for our ASCII payload), drawn
/// as filled squares so it stays vector in the PDF and sharp on a thermal head.
/// </summary>
internal sealed class QrSymbol
{
    private readonly bool[,] _modules;

    private QrSymbol(bool[,] modules) => _modules = modules;

    /// <summary>Modules per side, including the 4-module quiet zone on each side.</summary>
    public int Size => _modules.GetLength(0);

    public bool this[int row, int col] => _modules[row, col];

    public static QrSymbol Encode(string payload)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var n = matrix.Count;
        var modules = new bool[n, n];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < n; c++)
            {
                modules[r, c] = matrix[r][c];
            }
        }

        return new QrSymbol(modules);
    }

    /// <summary>Draws the symbol (quiet zone included, white) with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>) and side <paramref name="side"/>.</summary>
    public void Draw(SKCanvas canvas, float x, float y, float side)
    {
        var m = side / Size;
        using var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
        using var black = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false };
        canvas.DrawRect(x, y, side, side, white);
        using var builder = new SKPathBuilder();
        for (var r = 0; r < Size; r++)
        {
            for (var c = 0; c < Size; c++)
            {
                if (_modules[r, c])
                {
                    builder.AddRect(SKRect.Create(x + (c * m), y + (r * m), m, m));
                }
            }
        }

        using var path = builder.Detach();
        canvas.DrawPath(path, black);
    }
}
