namespace ReaderKit.Jpeg2000;

/// <summary>Colour interpretation of a decoded <see cref="Jp2Image"/>.</summary>
public enum Jp2ColourSpace
{
    /// <summary>One component: luminance.</summary>
    Grey,

    /// <summary>Three components, interleaved R, G, B (sYCC input is converted to RGB by the decoder).</summary>
    Rgb,

    /// <summary>Grey plus alpha (two components, interleaved).</summary>
    GreyAlpha,

    /// <summary>RGB plus alpha (four components, interleaved).</summary>
    RgbAlpha,
}
