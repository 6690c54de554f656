namespace ReaderKit.Protocol.Messages;

/// <summary>
/// Personal fields read from the card. Each is present only when the caller asked for it in
/// <c>options.fields</c>; the server strips every field that was not asked for before it leaves the host.
/// </summary>
public sealed record PersonalFields
{
    /// <summary>The holder's name, when asked for.</summary>
    public string? Name { get; init; }

    /// <summary>The holder's address, when asked for.</summary>
    public string? Address { get; init; }

    /// <summary>Gregorian, <c>YYYY-MM-DD</c>.</summary>
    public string? BirthDate { get; init; }

    /// <summary>As printed on the card face.</summary>
    public string? Sex { get; init; }

    /// <summary><c>YYYY-MM-DD</c>.</summary>
    public string? ExpiryDate { get; init; }

    /// <summary>The chip photo, JPEG 2000 bytes.</summary>
    public byte[]? Photo { get; init; }

    /// <summary>The best-matching live camera frame, JPEG bytes (<see cref="PersonalField.LiveFrame"/>).</summary>
    public byte[]? LiveFrame { get; init; }

    /// <summary>True when no field is set.</summary>
    public bool IsEmpty => Name is null && Address is null && BirthDate is null && Sex is null && ExpiryDate is null && Photo is null && LiveFrame is null;

    /// <summary>A copy holding only the fields named in <paramref name="allowed"/>; null when none remain.</summary>
    public PersonalFields? Restrict(IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var restricted = new PersonalFields
        {
            Name = allowed.Contains(PersonalField.Name) ? Name : null,
            Address = allowed.Contains(PersonalField.Address) ? Address : null,
            BirthDate = allowed.Contains(PersonalField.BirthDate) ? BirthDate : null,
            Sex = allowed.Contains(PersonalField.Sex) ? Sex : null,
            ExpiryDate = allowed.Contains(PersonalField.ExpiryDate) ? ExpiryDate : null,
            Photo = allowed.Contains(PersonalField.Photo) ? Photo : null,
            LiveFrame = allowed.Contains(PersonalField.LiveFrame) ? LiveFrame : null,
        };
        return restricted.IsEmpty ? null : restricted;
    }

    /// <summary>Redacted: personal data never reaches a log through ToString.</summary>
    public override string ToString() => "PersonalFields { *** }";
}
