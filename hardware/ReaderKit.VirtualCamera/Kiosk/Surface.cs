using System.Numerics;
using SkiaSharp;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>A textured triangle mesh placed in the camera's space for one frame (x right, y down, z away from the camera; pixels).</summary>
internal sealed record Surface(SKImage Texture, SKPoint[] TexCoords, Vector3[] World, int[] Triangles);

/// <summary>Plane grids for prints and screens: fine enough that the per-triangle affine texture mapping stays within a fraction of a pixel of the true perspective mapping.</summary>
internal static class PlaneGrid
{
    /// <summary>A <paramref name="columns"/>×<paramref name="rows"/> grid over a <paramref name="width"/>×<paramref name="height"/> texture.</summary>
    public static (SKPoint[] Tex, int[] Triangles) Build(float width, float height, int columns, int rows)
    {
        var tex = new SKPoint[(columns + 1) * (rows + 1)];
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                tex[(r * (columns + 1)) + c] = new SKPoint(width * c / columns, height * r / rows);
            }
        }

        var tris = new List<int>(columns * rows * 6);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var i = (r * (columns + 1)) + c;
                tris.AddRange([i, i + 1, i + columns + 1, i + 1, i + columns + 2, i + columns + 1]);
            }
        }

        return (tex, [.. tris]);
    }
}
