using ReaderKit.Jpeg2000;

namespace ReaderKit.Face.Imaging;

/// <summary>
/// Decodes the card's JPEG 2000 face photo (surface AP, tag DF27) with <see cref="Jp2Codec"/>. Call it only with bytes whose
/// signature has already been verified (ReaderKit.Trust): the decoder is native code and should never see unauthenticated
/// card data. Also the encoder the evaluation uses to simulate chip photos.
/// </summary>
public static class ChipPhotoDecoder
{
    /// <summary>Chip-photo limits: small inputs and images only.</summary>
    public static Jp2DecodeLimits Limits { get; } = new(MaxInputBytes: 256 * 1024, MaxPixels: 2048L * 2048, MaxComponents: 4, MaxDimension: 2048);

    /// <summary>Decodes verified JPEG 2000 bytes to a greyscale <see cref="FaceImage"/>.</summary>
    /// <exception cref="FaceImageFormatException">Malformed, oversized or unsupported input (wraps the codec's typed error).</exception>
    public static FaceImage DecodeVerified(ReadOnlySpan<byte> verifiedJpeg2000)
    {
        GreyImage grey;
        try
        {
            grey = Jp2Codec.DecodeGrey(verifiedJpeg2000, Limits);
        }
        catch (Jp2DecodeException e)
        {
            throw new FaceImageFormatException($"chip photo is not a decodable JPEG 2000 image: {e.Message}", e);
        }

        return FromGrey(grey);
    }

    /// <summary>Encodes <paramref name="image"/> as a greyscale JP2 like a chip photo (default about 30:1 compression).</summary>
    public static byte[] EncodeLikeChip(FaceImage image, float compressionRatio = 30f)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Jp2Codec.Encode(new GreyImage(image.Width, image.Height, image.ToLuma()), new Jp2EncodeOptions { CompressionRatio = compressionRatio });
    }

    internal static FaceImage FromGrey(GreyImage grey)
    {
        var px = new byte[grey.Width * grey.Height * 4];
        for (int i = 0, j = 0; j < grey.Pixels.Length; i += 4, j++)
        {
            px[i] = px[i + 1] = px[i + 2] = grey.Pixels[j];
            px[i + 3] = 255;
        }

        return new FaceImage(grey.Width, grey.Height, px);
    }
}
