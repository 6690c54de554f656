namespace ReaderKit.Face.Landmarks;

/// <summary>Which eye; the subject's own side.</summary>
public enum FaceSide
{
    /// <summary>Subject's right (image left in an unmirrored frame).</summary>
    Right,

    /// <summary>Subject's left.</summary>
    Left,
}
