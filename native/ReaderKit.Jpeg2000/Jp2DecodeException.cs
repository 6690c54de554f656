namespace ReaderKit.Jpeg2000;

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
