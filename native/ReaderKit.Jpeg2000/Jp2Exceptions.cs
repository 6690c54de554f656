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

/// <summary>A JPEG 2000 input could not be decoded; <see cref="Reason"/> says why. Never carries pixel data.</summary>
public sealed class Jp2DecodeException : Exception
{
    public Jp2DecodeException()
        : this(Jp2DecodeError.Malformed, "JPEG 2000 decode failed.")
    {
    }

    public Jp2DecodeException(string message)
        : this(Jp2DecodeError.Malformed, message)
    {
    }

    public Jp2DecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = Jp2DecodeError.Malformed;
    }

    public Jp2DecodeException(Jp2DecodeError reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Category of the failure.</summary>
    public Jp2DecodeError Reason { get; }
}

/// <summary>The encoder failed (invalid options, library unavailable, or the codec reported an error).</summary>
public sealed class Jp2EncodeException : Exception
{
    public Jp2EncodeException()
    {
    }

    public Jp2EncodeException(string message)
        : base(message)
    {
    }

    public Jp2EncodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
