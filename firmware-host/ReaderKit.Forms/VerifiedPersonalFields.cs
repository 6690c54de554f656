namespace ReaderKit.Forms;

/// <summary>
/// Personal fields read from the card face whose J-LIS signature the tap verified — and nothing else: the caller puts
/// a value here only when the tap verified it. A null field is printed blank, for the holder to write by hand. There is
/// no My Number field, by design.
/// </summary>
public sealed record VerifiedPersonalFields
{
    /// <summary>No verified field: every personal item is left blank.</summary>
    public static VerifiedPersonalFields None { get; } = new();

    /// <summary>氏名 as on the card face.</summary>
    public string? Name { get; init; }

    /// <summary>住所 as on the card face.</summary>
    public string? Address { get; init; }

    /// <summary>生年月日 (Gregorian).</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>The era form of <see cref="BirthDate"/>'s year; required whenever <see cref="BirthDate"/> is set.</summary>
    public EraYear? BirthDateEra { get; init; }

    /// <summary>性別 as on the card (e.g. 男 / 女); printed only when the site enables the sex item.</summary>
    public string? Sex { get; init; }

    /// <summary>True when at least one field is pre-filled.</summary>
    public bool Any => Name is not null || Address is not null || BirthDate is not null || Sex is not null;

    /// <summary>Never prints the fields.</summary>
    public override string ToString() => "VerifiedPersonalFields { redacted }";
}
