using System.Runtime.InteropServices;

namespace ReaderKit.Jpeg2000.Interop;

/// <summary>
/// P/Invoke surface of libopenjp2 (OpenJPEG 2.5, Debian package <c>libopenjp2-7</c>). Only the calls ReaderKit needs.
/// Struct layouts are the LP64 layouts (linux-x64 and linux-arm64 are identical); 32-bit processes are refused by
/// <see cref="Jp2Codec"/> before any call is made.
/// </summary>
internal static unsafe partial class OpenJpegNative
{
    internal const string LibraryName = "libopenjp2.so.7";

    internal const int CodecJ2k = 0;
    internal const int CodecJp2 = 2;

    internal const int ColourSpaceUnknown = -1;
    internal const int ColourSpaceUnspecified = 0;
    internal const int ColourSpaceSrgb = 1;
    internal const int ColourSpaceGrey = 2;
    internal const int ColourSpaceSycc = 3;

    [LibraryImport(LibraryName, EntryPoint = "opj_version")]
    internal static partial nint Version();

    [LibraryImport(LibraryName, EntryPoint = "opj_create_decompress")]
    internal static partial nint CreateDecompress(int format);

    [LibraryImport(LibraryName, EntryPoint = "opj_create_compress")]
    internal static partial nint CreateCompress(int format);

    [LibraryImport(LibraryName, EntryPoint = "opj_destroy_codec")]
    internal static partial void DestroyCodec(nint codec);

    [LibraryImport(LibraryName, EntryPoint = "opj_set_default_decoder_parameters")]
    internal static partial void SetDefaultDecoderParameters(DecoderParameters* parameters);

    [LibraryImport(LibraryName, EntryPoint = "opj_setup_decoder")]
    internal static partial int SetupDecoder(nint codec, DecoderParameters* parameters);

    [LibraryImport(LibraryName, EntryPoint = "opj_decoder_set_strict_mode")]
    internal static partial int DecoderSetStrictMode(nint codec, int strict);

    [LibraryImport(LibraryName, EntryPoint = "opj_set_default_encoder_parameters")]
    internal static partial void SetDefaultEncoderParameters(EncoderParameters* parameters);

    [LibraryImport(LibraryName, EntryPoint = "opj_setup_encoder")]
    internal static partial int SetupEncoder(nint codec, EncoderParameters* parameters, nint image);

    [LibraryImport(LibraryName, EntryPoint = "opj_set_info_handler")]
    internal static partial int SetInfoHandler(nint codec, delegate* unmanaged<byte*, void*, void> handler, void* clientData);

    [LibraryImport(LibraryName, EntryPoint = "opj_set_warning_handler")]
    internal static partial int SetWarningHandler(nint codec, delegate* unmanaged<byte*, void*, void> handler, void* clientData);

    [LibraryImport(LibraryName, EntryPoint = "opj_set_error_handler")]
    internal static partial int SetErrorHandler(nint codec, delegate* unmanaged<byte*, void*, void> handler, void* clientData);

    [LibraryImport(LibraryName, EntryPoint = "opj_read_header")]
    internal static partial int ReadHeader(nint stream, nint codec, nint* image);

    [LibraryImport(LibraryName, EntryPoint = "opj_decode")]
    internal static partial int OpjDecode(nint codec, nint stream, nint image);

    [LibraryImport(LibraryName, EntryPoint = "opj_end_decompress")]
    internal static partial int EndDecompress(nint codec, nint stream);

    [LibraryImport(LibraryName, EntryPoint = "opj_start_compress")]
    internal static partial int StartCompress(nint codec, nint image, nint stream);

    [LibraryImport(LibraryName, EntryPoint = "opj_encode")]
    internal static partial int OpjEncode(nint codec, nint stream);

    [LibraryImport(LibraryName, EntryPoint = "opj_end_compress")]
    internal static partial int EndCompress(nint codec, nint stream);

    [LibraryImport(LibraryName, EntryPoint = "opj_image_create")]
    internal static partial nint ImageCreate(uint componentCount, ImageComponentParameters* parameters, int colourSpace);

    [LibraryImport(LibraryName, EntryPoint = "opj_image_destroy")]
    internal static partial void ImageDestroy(nint image);

    [LibraryImport(LibraryName, EntryPoint = "opj_stream_create")]
    internal static partial nint StreamCreate(nuint bufferSize, int isInput);

    [LibraryImport(LibraryName, EntryPoint = "opj_stream_destroy")]
    internal static partial void StreamDestroy(nint stream);

    [LibraryImport(LibraryName, EntryPoint = "opj_stream_set_read_function")]
    internal static partial void StreamSetReadFunction(nint stream, delegate* unmanaged<byte*, nuint, void*, nuint> read);

    [LibraryImport(LibraryName, EntryPoint = "opj_stream_set_write_function")]
    internal static partial void StreamSetWriteFunction(nint stream, delegate* unmanaged<byte*, nuint, void*, nuint> write);

    [LibraryImport(LibraryName, EntryPoint = "opj_stream_set_skip_function")]
    internal static partial void StreamSetSkipFunction(nint stream, delegate* unmanaged<long, void*, long> skip);

    [LibraryImport(LibraryName, EntryPoint = "opj_stream_set_seek_function")]
    internal static partial void StreamSetSeekFunction(nint stream, delegate* unmanaged<long, void*, int> seek);

    [LibraryImport(LibraryName, EntryPoint = "opj_stream_set_user_data")]
    internal static partial void StreamSetUserData(nint stream, void* userData, nint freeFunction);

    [LibraryImport(LibraryName, EntryPoint = "opj_stream_set_user_data_length")]
    internal static partial void StreamSetUserDataLength(nint stream, ulong length);

    /// <summary><c>opj_dparameters_t</c> (8,252 bytes on LP64); only the leading fields are touched.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 8252)]
    internal struct DecoderParameters
    {
        [FieldOffset(0)] public uint Reduce;
        [FieldOffset(4)] public uint Layer;
        [FieldOffset(8248)] public uint Flags;
    }

    /// <summary><c>opj_cparameters_t</c> (18,720 bytes on LP64); offsets checked against the C header.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 18720)]
    internal struct EncoderParameters
    {
        [FieldOffset(0)] public int TileSizeOn;
        [FieldOffset(20)] public int DistoAlloc;
        [FieldOffset(24)] public int FixedAlloc;
        [FieldOffset(28)] public int FixedQuality;
        [FieldOffset(4796)] public int NumLayers;
        [FieldOffset(4800)] public fixed float Rates[100];
        [FieldOffset(5200)] public fixed float DistoRatio[100];
        [FieldOffset(5600)] public int NumResolution;
        [FieldOffset(5616)] public int Irreversible;
        [FieldOffset(18698)] public byte TcpMct;
    }

    /// <summary><c>opj_image_cmptparm_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ImageComponentParameters
    {
        public uint Dx, Dy, W, H, X0, Y0, Prec, Bpp, Sgnd;
    }

    /// <summary><c>opj_image_comp_t</c> (64 bytes on LP64).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    internal struct ImageComponent
    {
        [FieldOffset(0)] public uint Dx;
        [FieldOffset(4)] public uint Dy;
        [FieldOffset(8)] public uint W;
        [FieldOffset(12)] public uint H;
        [FieldOffset(16)] public uint X0;
        [FieldOffset(20)] public uint Y0;
        [FieldOffset(24)] public uint Prec;
        [FieldOffset(32)] public uint Sgnd;
        [FieldOffset(40)] public uint Factor;
        [FieldOffset(48)] public int* Data;
        [FieldOffset(56)] public ushort Alpha;
    }

    /// <summary><c>opj_image_t</c> (48 bytes on LP64).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 48)]
    internal struct Image
    {
        [FieldOffset(0)] public uint X0;
        [FieldOffset(4)] public uint Y0;
        [FieldOffset(8)] public uint X1;
        [FieldOffset(12)] public uint Y1;
        [FieldOffset(16)] public uint NumComps;
        [FieldOffset(20)] public int ColourSpace;
        [FieldOffset(24)] public ImageComponent* Comps;
        [FieldOffset(32)] public byte* IccProfile;
        [FieldOffset(40)] public uint IccProfileLength;
    }
}
