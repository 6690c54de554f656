using System.Runtime.InteropServices;

namespace ReaderKit.Jpeg2000.Interop;

/// <summary>Owns an <c>opj_codec_t*</c>; released with <c>opj_destroy_codec</c>.</summary>
internal sealed class OpjCodecHandle : SafeHandle
{
    public OpjCodecHandle(nint codec) : base(nint.Zero, ownsHandle: true) => SetHandle(codec);

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        OpenJpegNative.DestroyCodec(handle);
        return true;
    }
}

/// <summary>Owns an <c>opj_stream_t*</c>; released with <c>opj_stream_destroy</c>.</summary>
internal sealed class OpjStreamHandle : SafeHandle
{
    public OpjStreamHandle(nint stream) : base(nint.Zero, ownsHandle: true) => SetHandle(stream);

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        OpenJpegNative.StreamDestroy(handle);
        return true;
    }
}

/// <summary>Owns an <c>opj_image_t*</c> (and its component buffers); released with <c>opj_image_destroy</c>.</summary>
internal sealed class OpjImageHandle : SafeHandle
{
    public OpjImageHandle() : base(nint.Zero, ownsHandle: true)
    {
    }

    public OpjImageHandle(nint image) : base(nint.Zero, ownsHandle: true) => SetHandle(image);

    public override bool IsInvalid => handle == nint.Zero;

    /// <summary>Takes ownership of an image pointer returned through an out parameter.</summary>
    public void Adopt(nint image)
    {
        if (!IsInvalid)
        {
            throw new InvalidOperationException("The handle already owns an image.");
        }

        SetHandle(image);
    }

    protected override bool ReleaseHandle()
    {
        OpenJpegNative.ImageDestroy(handle);
        return true;
    }
}
