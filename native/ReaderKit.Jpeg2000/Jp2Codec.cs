using System.Runtime.InteropServices;
using ReaderKit.Jpeg2000.Interop;
using static ReaderKit.Jpeg2000.Interop.OpenJpegNative;

namespace ReaderKit.Jpeg2000;

/// <summary>
/// JPEG 2000 decode/encode through libopenjp2 (P/Invoke, in-memory streams, every native object owned by a SafeHandle).
/// Thread-safe: each call uses its own codec, stream and image.
/// </summary>
public static class Jp2Codec
{
    private static ReadOnlySpan<byte> Jp2Signature => [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> J2kSignature => [0xFF, 0x4F, 0xFF, 0x51];

    /// <summary>OpenJPEG library version string (e.g. "2.5.0").</summary>
    /// <exception cref="Jp2DecodeException">Reason <see cref="Jp2DecodeError.LibraryUnavailable"/>.</exception>
    public static string LibraryVersion()
    {
        EnsurePlatform();
        try
        {
            return Marshal.PtrToStringUTF8(Version()) ?? "unknown";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>True when the input starts like a JP2 file or a raw J2K codestream.</summary>
    public static bool LooksLikeJpeg2000(ReadOnlySpan<byte> data) => DetectFormat(data) is not null;

    /// <summary>Decodes a JP2 file or a raw J2K codestream (format sniffed from the first bytes) to 8-bit interleaved pixels.</summary>
    /// <param name="jp2OrJ2k">Encoded bytes; only read, never retained.</param>
    /// <param name="limits">Size bounds checked before pixel memory is allocated (null: <see cref="Jp2DecodeLimits.Default"/>).</param>
    /// <exception cref="Jp2DecodeException">Malformed, truncated, oversized or unsupported input, or libopenjp2 missing.</exception>
    public static Jp2Image Decode(ReadOnlySpan<byte> jp2OrJ2k, Jp2DecodeLimits? limits = null)
    {
        limits ??= Jp2DecodeLimits.Default;
        EnsurePlatform();
        if (jp2OrJ2k.Length > limits.MaxInputBytes)
        {
            throw new Jp2DecodeException(Jp2DecodeError.InputTooLarge, $"JPEG 2000 input of {jp2OrJ2k.Length} bytes exceeds the limit of {limits.MaxInputBytes}.");
        }

        int format = DetectFormat(jp2OrJ2k)
            ?? throw new Jp2DecodeException(Jp2DecodeError.UnknownFormat, "Input is neither a JP2 file nor a J2K codestream.");
        try
        {
            return DecodeCore(jp2OrJ2k, format, limits);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Decodes and converts to greyscale (see <see cref="Jp2Image.ToGrey"/>).</summary>
    /// <exception cref="Jp2DecodeException">As for <see cref="Decode"/>.</exception>
    public static GreyImage DecodeGrey(ReadOnlySpan<byte> jp2OrJ2k, Jp2DecodeLimits? limits = null) =>
        Decode(jp2OrJ2k, limits).ToGrey();

    /// <summary>Encodes a greyscale image as JP2 (or raw J2K) bytes.</summary>
    /// <exception cref="ArgumentException">Inconsistent options (both ratio and target, ratio &lt; 1, target ≤ 0).</exception>
    /// <exception cref="Jp2EncodeException">The codec failed, the target size cannot be reached, or libopenjp2 is missing.</exception>
    public static byte[] Encode(GreyImage image, Jp2EncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return EncodeInterleaved(image.Width, image.Height, 1, image.Pixels, options ?? new Jp2EncodeOptions());
    }

    /// <summary>Encodes an 8-bit <see cref="Jp2ColourSpace.Grey"/> or <see cref="Jp2ColourSpace.Rgb"/> image (RGB uses the component transform).</summary>
    /// <exception cref="ArgumentException">Alpha images, inconsistent buffers or options.</exception>
    /// <exception cref="Jp2EncodeException">As for <see cref="Encode(GreyImage, Jp2EncodeOptions?)"/>.</exception>
    public static byte[] Encode(Jp2Image image, Jp2EncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        int components = image.ColourSpace switch
        {
            Jp2ColourSpace.Grey => 1,
            Jp2ColourSpace.Rgb => 3,
            _ => throw new ArgumentException($"Encoding {image.ColourSpace} is not supported.", nameof(image)),
        };
        if (image.Components != components || image.Width <= 0 || image.Height <= 0
            || (long)image.Width * image.Height * components != image.Pixels.Length)
        {
            throw new ArgumentException("Pixel buffer does not match width × height × components.", nameof(image));
        }

        return EncodeInterleaved(image.Width, image.Height, components, image.Pixels, options ?? new Jp2EncodeOptions());
    }

    private static byte[] EncodeInterleaved(int width, int height, int components, byte[] pixels, Jp2EncodeOptions options)
    {
        if (options.CompressionRatio is not null && options.TargetBytes is not null)
        {
            throw new ArgumentException("Give either CompressionRatio or TargetBytes, not both.", nameof(options));
        }

        if (options.CompressionRatio is { } r && !(r >= 1f))
        {
            throw new ArgumentException("CompressionRatio must be at least 1.", nameof(options));
        }

        if (options.TargetBytes is { } t && t <= 0)
        {
            throw new ArgumentException("TargetBytes must be positive.", nameof(options));
        }

        if (options.Resolutions is < 1 or > 33)
        {
            throw new ArgumentException("Resolutions must be between 1 and 33.", nameof(options));
        }

        if (!Environment.Is64BitProcess)
        {
            throw new Jp2EncodeException("The libopenjp2 binding supports 64-bit processes only.");
        }

        try
        {
            if (options.TargetBytes is not { } target)
            {
                return EncodeCore(width, height, components, pixels, options.CompressionRatio, options);
            }

            // Rate control in OpenJPEG is approximate; tighten the ratio until the output fits.
            float ratio = Math.Max(1f, (float)pixels.Length / target);
            for (int attempt = 0; attempt < 8; attempt++)
            {
                byte[] encoded = EncodeCore(width, height, components, pixels, ratio, options);
                if (encoded.Length <= target)
                {
                    return encoded;
                }

                ratio *= Math.Max(1.05f, (float)encoded.Length / target * 1.02f);
            }

            throw new Jp2EncodeException($"Could not reach {target} bytes for a {width}x{height} image.");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new Jp2EncodeException($"{LibraryName} could not be loaded (install the libopenjp2-7 package).", e);
        }
    }

    private static int? DetectFormat(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(Jp2Signature))
        {
            return CodecJp2;
        }

        return data.StartsWith(J2kSignature) ? CodecJ2k : null;
    }

    private static void EnsurePlatform()
    {
        if (!Environment.Is64BitProcess)
        {
            throw new Jp2DecodeException(Jp2DecodeError.LibraryUnavailable, "The libopenjp2 binding supports 64-bit processes only.");
        }
    }

    private static Jp2DecodeException Unavailable(Exception inner) =>
        new(Jp2DecodeError.LibraryUnavailable, $"{LibraryName} could not be loaded (install the libopenjp2-7 package).", inner);

    private static unsafe Jp2Image DecodeCore(ReadOnlySpan<byte> input, int format, Jp2DecodeLimits limits)
    {
        var log = new MessageLog();
        var logHandle = GCHandle.Alloc(log);
        try
        {
            fixed (byte* data = input)
            {
                var state = new ReadState { Data = data, Length = input.Length, Position = 0 };

                using var codec = new OpjCodecHandle(CreateDecompress(format));
                if (codec.IsInvalid)
                {
                    throw new Jp2DecodeException(Jp2DecodeError.LibraryUnavailable, "opj_create_decompress failed.");
                }

                nint codecPtr = codec.DangerousGetHandle();
                InstallMessageHandlers(codecPtr, logHandle);
                DecoderParameters parameters;
                SetDefaultDecoderParameters(&parameters);
                if (SetupDecoder(codecPtr, &parameters) == 0)
                {
                    throw Malformed("decoder setup failed", log);
                }

                using var stream = new OpjStreamHandle(StreamCreate(64 * 1024, isInput: 1));
                if (stream.IsInvalid)
                {
                    throw new Jp2DecodeException(Jp2DecodeError.LibraryUnavailable, "opj_stream_create failed.");
                }

                nint streamPtr = stream.DangerousGetHandle();
                StreamSetReadFunction(streamPtr, &OpenJpegCallbacks.Read);
                StreamSetSkipFunction(streamPtr, &OpenJpegCallbacks.ReadSkip);
                StreamSetSeekFunction(streamPtr, &OpenJpegCallbacks.ReadSeek);
                StreamSetUserData(streamPtr, &state, nint.Zero);
                StreamSetUserDataLength(streamPtr, (ulong)input.Length);

                using var image = new OpjImageHandle();
                nint imagePtr = nint.Zero;
                int headerOk = ReadHeader(streamPtr, codecPtr, &imagePtr);
                if (imagePtr != nint.Zero)
                {
                    image.Adopt(imagePtr);
                }

                if (headerOk == 0 || imagePtr == nint.Zero)
                {
                    throw Malformed("invalid header", log);
                }

                var header = (Image*)imagePtr;
                CheckHeader(header, limits);
                if (OpjDecode(codecPtr, streamPtr, imagePtr) == 0 || EndDecompress(codecPtr, streamPtr) == 0)
                {
                    throw Malformed("codestream decode failed", log);
                }

                return ToManaged(header);
            }
        }
        finally
        {
            logHandle.Free();
        }
    }

    private static unsafe void InstallMessageHandlers(nint codec, GCHandle logHandle)
    {
        void* user = (void*)GCHandle.ToIntPtr(logHandle);
        SetErrorHandler(codec, &OpenJpegCallbacks.OnError, user);
        SetWarningHandler(codec, &OpenJpegCallbacks.Ignore, null);
        SetInfoHandler(codec, &OpenJpegCallbacks.Ignore, null);
    }

    private static Jp2DecodeException Malformed(string what, MessageLog log)
    {
        string detail = log.Errors;
        return new Jp2DecodeException(Jp2DecodeError.Malformed, detail.Length == 0 ? $"JPEG 2000 {what}." : $"JPEG 2000 {what}: {detail}");
    }

    private static unsafe void CheckHeader(Image* image, Jp2DecodeLimits limits)
    {
        long width = (long)image->X1 - image->X0;
        long height = (long)image->Y1 - image->Y0;
        if (width <= 0 || height <= 0)
        {
            throw new Jp2DecodeException(Jp2DecodeError.Malformed, "JPEG 2000 header declares an empty image.");
        }

        if (width > limits.MaxDimension || height > limits.MaxDimension || width * height > limits.MaxPixels)
        {
            throw new Jp2DecodeException(Jp2DecodeError.ImageTooLarge, $"JPEG 2000 image {width}x{height} exceeds the limits ({limits.MaxPixels} pixels, {limits.MaxDimension} per side).");
        }

        if (image->NumComps == 0 || image->NumComps > limits.MaxComponents)
        {
            throw new Jp2DecodeException(Jp2DecodeError.TooManyComponents, $"JPEG 2000 image has {image->NumComps} components (limit {limits.MaxComponents}).");
        }

        if (image->NumComps > 4 || image->ColourSpace is 4 or 5)
        {
            throw new Jp2DecodeException(Jp2DecodeError.Unsupported, $"JPEG 2000 colour space {image->ColourSpace} with {image->NumComps} components is not supported.");
        }

        for (int c = 0; c < image->NumComps; c++)
        {
            ImageComponent* comp = &image->Comps[c];
            if (comp->Prec is 0 or > 16 || comp->Dx == 0 || comp->Dy == 0 || comp->Dx > 4 || comp->Dy > 4)
            {
                throw new Jp2DecodeException(Jp2DecodeError.Unsupported, $"JPEG 2000 component {c}: precision {comp->Prec}, subsampling {comp->Dx}x{comp->Dy} is not supported.");
            }
        }
    }

    private static unsafe Jp2Image ToManaged(Image* image)
    {
        int width = (int)(image->X1 - image->X0);
        int height = (int)(image->Y1 - image->Y0);
        int n = (int)image->NumComps;
        var pixels = new byte[checked(width * height * n)];
        for (int c = 0; c < n; c++)
        {
            ImageComponent comp = image->Comps[c];
            if (comp.Data == null || comp.W == 0 || comp.H == 0)
            {
                throw new Jp2DecodeException(Jp2DecodeError.Malformed, $"JPEG 2000 component {c} has no decoded data.");
            }

            int shift = (int)comp.Prec - 8;
            int max = (1 << (int)comp.Prec) - 1;
            int offset = comp.Sgnd != 0 ? 1 << ((int)comp.Prec - 1) : 0;
            int compW = (int)comp.W;
            int compH = (int)comp.H;
            for (int y = 0; y < height; y++)
            {
                int* row = comp.Data + ((long)Math.Min(y / (int)comp.Dy, compH - 1) * compW);
                int outIndex = (y * width * n) + c;
                for (int x = 0; x < width; x++, outIndex += n)
                {
                    int v = Math.Clamp(row[Math.Min(x / (int)comp.Dx, compW - 1)] + offset, 0, max);
                    pixels[outIndex] = (byte)(shift >= 0 ? v >> shift : v * 255 / max);
                }
            }
        }

        bool sycc = image->ColourSpace == ColourSpaceSycc && n >= 3;
        if (sycc)
        {
            SyccToRgb(pixels, n);
        }

        Jp2ColourSpace colour = n switch
        {
            1 => Jp2ColourSpace.Grey,
            2 => Jp2ColourSpace.GreyAlpha,
            3 => Jp2ColourSpace.Rgb,
            _ => Jp2ColourSpace.RgbAlpha,
        };
        return new Jp2Image(width, height, n, colour, pixels);
    }

    private static void SyccToRgb(byte[] pixels, int stride)
    {
        for (int p = 0; p + 2 < pixels.Length; p += stride)
        {
            float y = pixels[p];
            float cb = pixels[p + 1] - 128f;
            float cr = pixels[p + 2] - 128f;
            pixels[p] = ClampByte(y + (1.402f * cr));
            pixels[p + 1] = ClampByte(y - (0.344136f * cb) - (0.714136f * cr));
            pixels[p + 2] = ClampByte(y + (1.772f * cb));
        }
    }

    private static byte ClampByte(float v) => (byte)Math.Clamp((int)MathF.Round(v), 0, 255);

    private static unsafe byte[] EncodeCore(int width, int height, int components, byte[] pixels, float? ratio, Jp2EncodeOptions options)
    {
        var log = new MessageLog();
        var output = new WriteBuffer();
        var logHandle = GCHandle.Alloc(log);
        var outputHandle = GCHandle.Alloc(output);
        try
        {
            var componentParameters = stackalloc ImageComponentParameters[components];
            for (int c = 0; c < components; c++)
            {
                componentParameters[c] = new ImageComponentParameters
                {
                    Dx = 1, Dy = 1, W = (uint)width, H = (uint)height, Prec = 8, Bpp = 8, Sgnd = 0,
                };
            }

            using var image = new OpjImageHandle(ImageCreate((uint)components, componentParameters, components == 3 ? ColourSpaceSrgb : ColourSpaceGrey));
            if (image.IsInvalid)
            {
                throw new Jp2EncodeException("opj_image_create failed (out of memory?).");
            }

            var img = (Image*)image.DangerousGetHandle();
            img->X0 = 0;
            img->Y0 = 0;
            img->X1 = (uint)width;
            img->Y1 = (uint)height;
            for (int c = 0; c < components; c++)
            {
                int* samples = img->Comps[c].Data;
                for (int i = 0, p = c; p < pixels.Length; i++, p += components)
                {
                    samples[i] = pixels[p];
                }
            }

            EncoderParameters parameters;
            SetDefaultEncoderParameters(&parameters);
            parameters.TcpMct = (byte)(components == 3 ? 1 : 0);
            parameters.NumLayers = 1;
            parameters.DistoAlloc = 1;
            parameters.Rates[0] = ratio ?? 0f;
            parameters.Irreversible = options.Reversible ? 0 : 1;
            int smallest = Math.Min(width, height);
            int maxResolutions = 1 + (int)Math.Floor(Math.Log2(smallest));
            parameters.NumResolution = Math.Clamp(options.Resolutions, 1, maxResolutions);

            using var codec = new OpjCodecHandle(CreateCompress(options.Container == Jp2Container.Jp2 ? CodecJp2 : CodecJ2k));
            if (codec.IsInvalid)
            {
                throw new Jp2EncodeException("opj_create_compress failed.");
            }

            nint codecPtr = codec.DangerousGetHandle();
            InstallMessageHandlers(codecPtr, logHandle);
            if (SetupEncoder(codecPtr, &parameters, image.DangerousGetHandle()) == 0)
            {
                throw EncodeFailed("encoder setup", log);
            }

            using var stream = new OpjStreamHandle(StreamCreate(64 * 1024, isInput: 0));
            if (stream.IsInvalid)
            {
                throw new Jp2EncodeException("opj_stream_create failed.");
            }

            nint streamPtr = stream.DangerousGetHandle();
            StreamSetWriteFunction(streamPtr, &OpenJpegCallbacks.Write);
            StreamSetSkipFunction(streamPtr, &OpenJpegCallbacks.WriteSkip);
            StreamSetSeekFunction(streamPtr, &OpenJpegCallbacks.WriteSeek);
            StreamSetUserData(streamPtr, (void*)GCHandle.ToIntPtr(outputHandle), nint.Zero);

            if (StartCompress(codecPtr, image.DangerousGetHandle(), streamPtr) == 0
                || OpjEncode(codecPtr, streamPtr) == 0
                || EndCompress(codecPtr, streamPtr) == 0)
            {
                throw EncodeFailed("compression", log);
            }

            // Dispose the stream explicitly so its internal buffer is flushed into the output before we copy it.
            stream.Dispose();
            return output.ToArray();
        }
        finally
        {
            outputHandle.Free();
            logHandle.Free();
        }
    }

    private static Jp2EncodeException EncodeFailed(string what, MessageLog log)
    {
        string detail = log.Errors;
        return new Jp2EncodeException(detail.Length == 0 ? $"JPEG 2000 {what} failed." : $"JPEG 2000 {what} failed: {detail}");
    }
}
