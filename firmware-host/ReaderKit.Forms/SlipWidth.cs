namespace ReaderKit.Forms;

/// <summary>Paper width of a thermal receipt printer.</summary>
public enum SlipWidth
{
    /// <summary>58 mm roll (about 48 mm printable).</summary>
    Mm58 = 58,

    /// <summary>80 mm roll (about 72 mm printable).</summary>
    Mm80 = 80,
}
