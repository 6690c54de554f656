using ReaderKit.Card.Records;

namespace ReaderKit.Tap;

/// <summary>The personal fields a verdict carries: only those <see cref="TapRequest.PersonalFields"/> asked for and whose signature held.</summary>
public sealed record TapPersonalData
{
    /// <summary>Birth date (signed).</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Sex (signed).</summary>
    public Sex? Sex { get; init; }

    /// <summary>Name as text (signed, bound to the chip).</summary>
    public string? Name { get; init; }

    /// <summary>Address as text (signed, bound to the chip).</summary>
    public string? Address { get; init; }

    /// <summary>The chip photo, JPEG 2000 (signed).</summary>
    public byte[]? PhotoJpeg2000 { get; init; }

    /// <summary>The live frame the face match scored best (JPEG), when <see cref="TapPersonalFields.LiveFrame"/> was asked for and a face was compared.</summary>
    public byte[]? LiveFrameJpeg { get; init; }

    /// <summary>The card face's name image, PNG (signed).</summary>
    public byte[]? NameImagePng { get; init; }

    /// <summary>The card face's address image, PNG (signed).</summary>
    public byte[]? AddressImagePng { get; init; }

    /// <summary>Expiry (DF29): NOT covered by any signature.</summary>
    public DateOnly? Expiry { get; init; }

    /// <summary>Where the expiry came from.</summary>
    public string? ExpirySource { get; init; }

    /// <summary>Issuing municipality code: NOT signed.</summary>
    public string? MunicipalityCode { get; init; }
}
