using System.Collections.Concurrent;
using ReaderKit.Jpeg2000;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using SkiaSharp;

namespace ReaderKit.VirtualCamera;

/// <summary>
/// Makes each persona's chip photo the way the card's is described: a greyscale JPEG 2000 (JP2 container) portrait,
/// head and shoulders, compressed to the persona's realistic byte size. Built from the persona's npm sample face,
/// so the face pipeline has a real face to match against the live camera.
/// </summary>
public sealed class ChipPhotoFactory : IChipPhotoSource
{
    /// <summary>Portrait size of the generated chip photo (3:4, like the printed photo). [U] real sizes unknown.</summary>
    public const int PhotoWidth = 240;

    /// <inheritdoc cref="PhotoWidth"/>
    public const int PhotoHeight = 320;

    private readonly string? _directory;
    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    /// <param name="sampleDirectory">Folder of the npm sample photos; null locates it (<see cref="SampleFaces.Locate"/>).</param>
    public ChipPhotoFactory(string? sampleDirectory = null) => _directory = sampleDirectory;

    /// <inheritdoc/>
    public byte[] GetPhoto(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return _cache.GetOrAdd(persona.DataIdentity, _ => Build(persona));
    }

    /// <summary>The uncompressed greyscale portrait (before JPEG 2000), for tests that measure the codec's effect.</summary>
    public GreyImage Portrait(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return Portrait(PersonaFaces.For(persona));
    }

    /// <summary>The uncompressed greyscale portrait of one sample face.</summary>
    public GreyImage Portrait(SampleFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        using var source = SampleFaces.LoadSource(face, _directory);
        return CropPortrait(source, face);
    }

    private byte[] Build(Persona persona) =>
        Jp2Codec.Encode(Portrait(persona), new Jp2EncodeOptions { TargetBytes = persona.PhotoSizeHint });

    /// <summary>Head-and-shoulders crop: the face box centred horizontally, eyes a little above the middle.</summary>
    internal static GreyImage CropPortrait(SKBitmap source, SampleFace face)
    {
        var width = face.Size * 2.0;
        var height = width * PhotoHeight / PhotoWidth;
        var centreX = face.X + (face.Size / 2.0);
        var centreY = face.Y + (face.Size * 0.55);
        var src = SKRect.Create((float)(centreX - (width / 2)), (float)(centreY - (height * 0.45)), (float)width, (float)height);

        using var portrait = new SKBitmap(new SKImageInfo(PhotoWidth, PhotoHeight, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(portrait))
        {
            canvas.Clear(new SKColor(200, 200, 200)); // plain light background where the crop leaves the photo
            using var image = SKImage.FromBitmap(source);
            using var paint = new SKPaint();
            canvas.DrawImage(image, src, SKRect.Create(PhotoWidth, PhotoHeight), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        }

        return new GreyImage(PhotoWidth, PhotoHeight, portrait.Bytes);
    }
}
