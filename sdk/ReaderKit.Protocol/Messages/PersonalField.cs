namespace ReaderKit.Protocol.Messages;

/// <summary>
/// Names of the personal fields a caller may ask for in <c>tap.start</c> <c>options.fields</c>. A result carries a
/// field only when it was asked for (and the host is configured to release it).
/// </summary>
public static class PersonalField
{
    /// <summary>The holder's name.</summary>
    public const string Name = "name";
    /// <summary>The holder's address.</summary>
    public const string Address = "address";
    /// <summary>The birth date.</summary>
    public const string BirthDate = "birthDate";
    /// <summary>The sex.</summary>
    public const string Sex = "sex";
    /// <summary>The card's expiry date.</summary>
    public const string ExpiryDate = "expiryDate";

    /// <summary>The chip photo, JPEG 2000 bytes.</summary>
    public const string Photo = "photo";

    /// <summary>
    /// The live camera frame the face match scored best against the chip photo, JPEG bytes as the camera delivered them
    /// (not card data: the holder's face as the reader saw it, for a result card or a staff screen).
    /// </summary>
    public const string LiveFrame = "liveFrame";

    /// <summary>Every field name this version knows.</summary>
    public static IReadOnlyList<string> All { get; } = [Name, Address, BirthDate, Sex, ExpiryDate, Photo, LiveFrame];
}
