using ReaderKit.Card.Records;

namespace ReaderKit.Host.Journal;

/// <summary>
/// Personal fields read from the verified card face that an operator chose to keep (Journal:KeepPersonalFields). Only
/// ever stored encrypted; the My Number is not a field here and never reaches the journal.
/// </summary>
/// <param name="Name">氏名 as on the card face.</param>
/// <param name="Address">住所.</param>
/// <param name="BirthDate">生年月日 (Gregorian).</param>
/// <param name="Photo">The chip photo (JPEG 2000 bytes as read).</param>
/// <param name="Sex">性別 as on the signed card face (ISO/IEC 5218 code).</param>
public sealed record PersonalData(string? Name, string? Address, DateOnly? BirthDate, byte[]? Photo, Sex? Sex = null)
{
    /// <summary>A copy holding only the fields named in <paramref name="keep"/> (null when nothing remains).</summary>
    public PersonalData? Only(IEnumerable<string> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var set = keep.ToHashSet(StringComparer.Ordinal);
        var kept = new PersonalData(
            set.Contains("name") ? Name : null,
            set.Contains("address") ? Address : null,
            set.Contains("birthDate") ? BirthDate : null,
            set.Contains("photo") ? Photo : null,
            set.Contains("sex") ? Sex : null);
        return kept is { Name: null, Address: null, BirthDate: null, Photo: null, Sex: null } ? null : kept;
    }

    /// <summary>Never prints the fields.</summary>
    public override string ToString() => "PersonalData { redacted }";
}
