using ReaderKit.Jpeg2000;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCard.Images;

/// <summary>
/// Default chip-photo source: draws a deterministic greyscale head-and-shoulders figure (not a real face; face
/// detectors will not find one) and encodes it as a real JP2 file with libopenjp2 (<c>Jp2Codec.Encode</c>)
/// at most <see cref="Persona.PhotoSizeHint"/> bytes. Use it where photo bytes must be valid JPEG 2000 of realistic
/// size; inject real face photos (npm sample faces) through another <see cref="IChipPhotoSource"/> for face matching.
/// </summary>
public sealed class SyntheticPortraitPhotoSource : IChipPhotoSource
{
    /// <summary>Photo width in pixels.</summary>
    public const int Width = 240;

    /// <summary>Photo height in pixels.</summary>
    public const int Height = 300;

    /// <inheritdoc/>
    /// <exception cref="Jp2EncodeException">libopenjp2 is missing or failed.</exception>
    public byte[] GetPhoto(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var pixels = Draw(persona.DataIdentity);
        return Jp2Codec.Encode(new GreyImage(Width, Height, pixels), new Jp2EncodeOptions { TargetBytes = persona.PhotoSizeHint });
    }

    private static byte[] Draw(string identity)
    {
        var noise = DeterministicRandom.Bytes("portrait", identity, Width * Height);
        var shape = DeterministicRandom.Bytes("portrait-shape", identity, 8);
        double headW = 62 + (shape[0] % 14), headH = 82 + (shape[1] % 14), cx = Width / 2.0, cy = 125 + (shape[2] % 10);
        var skin = 150 + (shape[3] % 60);
        var hair = 30 + (shape[4] % 50);
        var pixels = new byte[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                double value = 215 - (y * 0.12); // light background with a slight gradient
                double dx = (x - cx) / headW, dy = (y - cy) / headH;
                var head = (dx * dx) + (dy * dy);
                var shoulders = y > cy + headH * 0.8 && Math.Abs(x - cx) < 40 + ((y - (cy + headH * 0.8)) * 1.6);
                if (shoulders)
                {
                    value = 60;
                }

                if (head < 1.0)
                {
                    value = skin - (head * 25);
                    if (dy < -0.45 || (dy < -0.1 && Math.Abs(dx) > 0.85))
                    {
                        value = hair;
                    }

                    if (Math.Abs(dy + 0.12) < 0.06 && Math.Abs(Math.Abs(dx) - 0.38) < 0.12)
                    {
                        value = 35; // eyes
                    }

                    if (Math.Abs(dx) < 0.06 && dy > -0.05 && dy < 0.25)
                    {
                        value -= 25; // nose shadow
                    }

                    if (Math.Abs(dy - 0.45) < 0.04 && Math.Abs(dx) < 0.3)
                    {
                        value = 70; // mouth
                    }
                }

                value += (noise[(y * Width) + x] - 128) / 10.0;
                pixels[(y * Width) + x] = (byte)Math.Clamp(value, 0, 255);
            }
        }

        return pixels;
    }
}
