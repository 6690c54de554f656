namespace ReaderKit.Jpeg2000;

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
