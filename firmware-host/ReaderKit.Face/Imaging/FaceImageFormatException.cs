using System.Runtime.InteropServices;
using SkiaSharp;

namespace ReaderKit.Face.Imaging;

/// <summary>Thrown when image bytes cannot be decoded (corrupt, unsupported format, or larger than <see cref="FaceImage.MaxSide"/>).</summary>
public sealed class FaceImageFormatException : Exception
{
    public FaceImageFormatException(string message)
        : base(message)
    {
    }

    public FaceImageFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public FaceImageFormatException()
    {
    }
}
