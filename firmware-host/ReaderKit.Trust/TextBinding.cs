namespace ReaderKit.Trust;

/// <summary>Whether the text AP's signed attributes are bound to the chip in the field (check <c>text.bound-to-chip</c>).</summary>
public enum TextBinding
{
    /// <summary>No signed text attributes (text AP not read, or its signatures did not verify).</summary>
    NotRead,

    /// <summary>The text AP's own key (EF 0007 DF51) signed a fresh challenge.</summary>
    OwnChallenge,

    /// <summary>EF 0007 DF51 is the same key as the surface DF24 chip key, and the surface chip challenge did not fail.</summary>
    SurfaceChipKey,

    /// <summary>Signed by J-LIS, but nothing ties them to this chip: reported separately, never as verified.</summary>
    Unbound,
}
