namespace ReaderKit.Jpeg2000;

/// <summary>Why a JPEG 2000 input was rejected.</summary>
public enum Jp2DecodeError
{
    /// <summary>Neither a JP2 signature box nor a J2K SOC/SIZ marker at the start.</summary>
    UnknownFormat,

    /// <summary>Input larger than <see cref="Jp2DecodeLimits.MaxInputBytes"/>.</summary>
    InputTooLarge,

    /// <summary>Header declares more pixels or a larger dimension than the limits allow.</summary>
    ImageTooLarge,

    /// <summary>Header declares more components than <see cref="Jp2DecodeLimits.MaxComponents"/>.</summary>
    TooManyComponents,

    /// <summary>Valid JPEG 2000 that this binding does not render (e.g. CMYK, > 16-bit, palette mismatch).</summary>
    Unsupported,

    /// <summary>The codec rejected the header or the codestream (truncated, corrupt).</summary>
    Malformed,

    /// <summary>libopenjp2 is not installed or this is a 32-bit process.</summary>
    LibraryUnavailable,
}
