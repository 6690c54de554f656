namespace ReaderKit.Tap;

/// <summary>Which personal fields a verdict may carry (default none: a kiosk that only needs "yes/no" gets no personal data).</summary>
[Flags]
public enum TapPersonalFields
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Birth date (signed, card face).</summary>
    BirthDate = 1,

    /// <summary>Sex (signed, card face).</summary>
    Sex = 2,

    /// <summary>Name and address as text (signed and bound to the chip; needs <see cref="TapRequest.ReadTextAp"/>).</summary>
    NameAndAddress = 4,

    /// <summary>The chip photo (JPEG 2000, signed).</summary>
    Photo = 8,

    /// <summary>The name and address images (PNG, signed).</summary>
    FaceImages = 16,

    /// <summary>Expiry and issuing municipality (unsigned: DF29 and surface EF 0003).</summary>
    Validity = 32,

    /// <summary>Everything above (card data only: not <see cref="LiveFrame"/>).</summary>
    All = BirthDate | Sex | NameAndAddress | Photo | FaceImages | Validity,

    /// <summary>
    /// The live camera frame that scored best against the chip photo (JPEG as the camera delivered it): not card data
    /// but the holder's face as the reader saw it, for a result card or a staff screen. Without it the face check keeps
    /// no frame beyond the tap.
    /// </summary>
    LiveFrame = 64,
}
