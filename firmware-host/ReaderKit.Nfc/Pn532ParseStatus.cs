namespace ReaderKit.Nfc;

/// <summary>Outcome of scanning a byte buffer for one PN532 frame.</summary>
public enum Pn532ParseStatus
{
    /// <summary>A whole frame with valid checksums was found.</summary>
    Complete,

    /// <summary>A start code was found but the frame has not fully arrived (see <see cref="Pn532ParseResult.Needed"/>).</summary>
    Incomplete,

    /// <summary>No start code: <see cref="Pn532ParseResult.End"/> bytes are garbage and can be dropped.</summary>
    NoStartCode,

    /// <summary>LEN/LCS disagree: the start code was noise (or the header was corrupted); resync after it.</summary>
    BadLengthChecksum,

    /// <summary>The whole frame arrived but DCS is wrong: ask for a resend with a NACK.</summary>
    BadDataChecksum,
}
