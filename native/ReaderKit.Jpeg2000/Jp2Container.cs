namespace ReaderKit.Jpeg2000;

/// <summary>Output wrapper of an encoded image.</summary>
public enum Jp2Container
{
    /// <summary>JP2 file format (ISO/IEC 15444-1 Annex I boxes around the codestream) — what the card stores.</summary>
    Jp2,

    /// <summary>Raw J2K codestream (starts with SOC FF 4F).</summary>
    J2k,
}
