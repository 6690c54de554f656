using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard.Personas;

/// <summary>Sex as the card stores it: one ASCII digit per ISO 5218 / JIS X 0303.</summary>
public enum Sex
{
    /// <summary>0: not known.</summary>
    NotKnown = 0,

    /// <summary>1: male.</summary>
    Male = 1,

    /// <summary>2: female.</summary>
    Female = 2,

    /// <summary>9: not applicable.</summary>
    NotApplicable = 9,
}

/// <summary>Every secret the card holds, by key reference.</summary>
public enum CredentialSlot
{
    /// <summary>JPKI AP EF 0018, 4-digit user-authentication PIN, 3 tries.</summary>
    JpkiAuthPin,

    /// <summary>JPKI AP EF 001B, 6–16 character signature password, 5 tries.</summary>
    JpkiSignPassword,

    /// <summary>Text AP EF 0011, 4-digit PIN, 3 tries.</summary>
    TextPin,

    /// <summary>Text AP EF 0014, 照合番号A (the 12-digit My Number), 10 tries [U].</summary>
    TextVerificationA,

    /// <summary>Text AP EF 0015, 照合番号B (14 digits), 10 tries.</summary>
    TextVerificationB,

    /// <summary>Surface AP EF 0011, 生年月日 key (6-digit era YYMMDD), 10 tries [U].</summary>
    SurfaceBirthDate,

    /// <summary>Surface AP EF 0013, 照合番号A, 10 tries [U].</summary>
    SurfaceVerificationA,

    /// <summary>Surface AP EF 0012, 照合番号B, 10 tries.</summary>
    SurfaceVerificationB,

    /// <summary>住基 AP EF 001C, 4-digit PIN, 3 tries.</summary>
    JukiPin,

    /// <summary>Common AP EF 001C, 4-digit PIN, 3 tries [U].</summary>
    CommonPin,
}

/// <summary>The holder's four basic facts as the card stores them.</summary>
/// <param name="FamilyName">Family name (kanji, or Latin capitals for many foreign residents).</param>
/// <param name="GivenName">Given name.</param>
/// <param name="Address">Address with full-width digits, as in the resident register.</param>
/// <param name="PrefectureRomaji">Prefecture for the JPKI sign certificate subject (e.g. Tokyo-to).</param>
/// <param name="CityRomaji">City for the JPKI sign certificate subject (e.g. Chiyoda-ku).</param>
/// <param name="DateOfBirth">Gregorian date of birth.</param>
/// <param name="Sex">Sex.</param>
/// <param name="IsForeignResident">Foreign resident: Western-calendar DOB on the face and in 照合番号B [U].</param>
public sealed record CardHolder(
    string FamilyName,
    string GivenName,
    string Address,
    string PrefectureRomaji,
    string CityRomaji,
    DateOnly DateOfBirth,
    Sex Sex,
    bool IsForeignResident = false)
{
    /// <summary>Family and given name separated by U+3000 (ideographic space); Latin names use an ASCII space.</summary>
    public string FullName => FamilyName.All(char.IsAscii) ? $"{FamilyName} {GivenName}" : $"{FamilyName}\u3000{GivenName}";

    /// <summary>DOB as the card stores it: YYYYMMDD ASCII, Gregorian.</summary>
    public string DateOfBirthDigits => DateOfBirth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The sex digit (1, 2, 9 or 0).</summary>
    public char SexDigit => (char)('0' + (int)Sex);
}

/// <summary>
/// One virtual cardholder and card: holder facts, card facts, secrets, retry states and flags. Stable
/// <see cref="Name"/> for the command line. <see cref="ToString"/> never shows secrets.
/// </summary>
public sealed class Persona
{
    /// <summary>Stable command-line name, e.g. <c>yamada-taro</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One-line description of what this persona is for.</summary>
    public required string Description { get; init; }

    /// <summary>The holder's basic facts.</summary>
    public required CardHolder Holder { get; init; }

    /// <summary>The 12-digit 個人番号 (valid check digit) = 照合番号A.</summary>
    public required string MyNumber { get; init; }

    /// <summary>The 11-digit 住民票コード (住基 AP).</summary>
    public required string ResidentRecordCode { get; init; }

    /// <summary>Card issue date.</summary>
    public required DateOnly IssueDate { get; init; }

    /// <summary>Card expiry (DF29, common AP, 照合番号B year).</summary>
    public required DateOnly ExpiryDate { get; init; }

    /// <summary>4-digit security code printed under the photo.</summary>
    public required string SecurityCode { get; init; }

    /// <summary>5-digit 全国地方公共団体コード of the issuing municipality (without check digit).</summary>
    public required string MunicipalityCode { get; init; }

    /// <summary>15-digit card serial (common AP record, GET DATA 0045).</summary>
    public required string CardSerial { get; init; }

    /// <summary>Text AP 4-digit PIN; null when not set (face-auth-only card).</summary>
    public string? TextPin { get; init; }

    /// <summary>JPKI user-authentication 4-digit PIN; null when not set.</summary>
    public string? AuthPin { get; init; }

    /// <summary>JPKI signature password (6–16 of A–Z, 0–9); null when there is no sign certificate.</summary>
    public string? SignPassword { get; init; }

    /// <summary>住基 AP 4-digit PIN; null when not set.</summary>
    public string? JukiPin { get; init; }

    /// <summary>Common AP 4-digit PIN; null when not set.</summary>
    public string? CommonPin { get; init; }

    /// <summary>Remaining tries per slot where they differ from the maximum (0 = blocked).</summary>
    public IReadOnlyDictionary<CredentialSlot, int> TriesRemaining { get; init; } = new Dictionary<CredentialSlot, int>();

    /// <summary>RSA-2048 (current) or ECDSA P-384 (next generation, assumption).</summary>
    public CardKeyAlgorithm Algorithm { get; init; } = CardKeyAlgorithm.Rsa2048;

    /// <summary>The model of card this persona's card is (ATR, extended length, …); <see cref="CardProfile.Current"/> by default.</summary>
    public CardProfile Profile { get; init; } = CardProfile.Current;

    /// <summary>
    /// Label of the key whose public half is signed into the card data (DF24, DF12, DF42, DF51, JPKI certificates).
    /// Defaults to <see cref="Name"/>.
    /// </summary>
    public string? PublishedKeyLabel { get; init; }

    /// <summary>Label of the key the chip actually holds. Differs from <see cref="PublishedKeyLabel"/> only for a clone.</summary>
    public string? ChipKeyLabel { get; init; }

    /// <summary>True when the JPKI AP holds a signature certificate (false on face-auth-only cards).</summary>
    public bool HasSignCertificate => SignPassword is not null;

    /// <summary>True for 顔認証マイナンバーカード: no PINs, no sign certificate.</summary>
    public bool IsFaceAuthOnly => TextPin is null && AuthPin is null && SignPassword is null;

    /// <summary>True when the chip's private key does not match the signed card key (a cloned data set).</summary>
    public bool IsClone => EffectiveChipKeyLabel != EffectivePublishedKeyLabel;

    /// <summary>Photo size in bytes the default photo sources aim at (realistic 8–15 KB).</summary>
    public int PhotoSizeHint { get; init; } = 11_000;

    /// <summary>Published-key label with its default applied.</summary>
    public string EffectivePublishedKeyLabel => PublishedKeyLabel ?? Name;

    /// <summary>
    /// Whose data set the card carries (equals <see cref="Name"/> except for a clone). Photo sources key photos by it so a
    /// clone replays the genuine card's photo byte for byte.
    /// </summary>
    public string DataIdentity => EffectivePublishedKeyLabel;

    /// <summary>Chip-key label with its default applied.</summary>
    public string EffectiveChipKeyLabel => ChipKeyLabel ?? EffectivePublishedKeyLabel;

    /// <summary>6-digit DOB part of 照合番号B: era YYMMDD, or Western YYMMDD for foreign residents [U].</summary>
    public string DateOfBirthPart => Holder.IsForeignResident
        ? JapaneseEra.WesternYyMmDd(Holder.DateOfBirth)
        : JapaneseEra.EraYyMmDd(Holder.DateOfBirth);

    /// <summary>照合番号B: DOB part (6) + expiry year (4) + security code (4) = 14 ASCII digits.</summary>
    public string VerificationNumberB => $"{DateOfBirthPart}{ExpiryDate.Year:0000}{SecurityCode}";

    /// <summary>照合番号A: the My Number.</summary>
    public string VerificationNumberA => MyNumber;

    /// <summary>Surface AP birth-date key (EF 0011): same 6 digits as the 照合番号B DOB part.</summary>
    public string BirthDateKey => DateOfBirthPart;

    /// <summary>JPKI certificates' notAfter: the 5th birthday after issue (or the card expiry if earlier).</summary>
    public DateOnly CertificateExpiry
    {
        get
        {
            var fifth = NthBirthdayAfter(Holder.DateOfBirth, IssueDate, 5);
            return fifth < ExpiryDate ? fifth : ExpiryDate;
        }
    }

    /// <summary>Maximum tries of a slot (the counter value after a successful VERIFY).</summary>
    public static int MaxTries(CredentialSlot slot) => slot switch
    {
        CredentialSlot.JpkiSignPassword => 5,
        CredentialSlot.JpkiAuthPin or CredentialSlot.TextPin or CredentialSlot.JukiPin or CredentialSlot.CommonPin => 3,
        _ => 10,
    };

    /// <summary>Tries left when the card is made.</summary>
    public int InitialTries(CredentialSlot slot) => TriesRemaining.TryGetValue(slot, out var n) ? n : MaxTries(slot);

    /// <summary>The secret of a slot as the card compares it (ASCII), or null when the slot is not set.</summary>
    public string? Secret(CredentialSlot slot) => slot switch
    {
        CredentialSlot.JpkiAuthPin => AuthPin,
        CredentialSlot.JpkiSignPassword => SignPassword,
        CredentialSlot.TextPin => TextPin,
        CredentialSlot.TextVerificationA or CredentialSlot.SurfaceVerificationA => VerificationNumberA,
        CredentialSlot.TextVerificationB or CredentialSlot.SurfaceVerificationB => VerificationNumberB,
        CredentialSlot.SurfaceBirthDate => BirthDateKey,
        CredentialSlot.JukiPin => JukiPin,
        CredentialSlot.CommonPin => CommonPin,
        _ => null,
    };

    /// <summary>True when the card's expiry is before <paramref name="date"/>.</summary>
    public bool IsExpiredOn(DateOnly date) => ExpiryDate < date;

    /// <summary>The n-th birthday strictly after <paramref name="from"/> (Feb 29 falls back to Feb 28).</summary>
    public static DateOnly NthBirthdayAfter(DateOnly dateOfBirth, DateOnly from, int n)
    {
        var year = from.Year;
        var thisYear = Birthday(dateOfBirth, year);
        if (thisYear <= from)
        {
            year++;
        }

        return Birthday(dateOfBirth, year + n - 1);
    }

    private static DateOnly Birthday(DateOnly dob, int year) =>
        new(year, dob.Month, Math.Min(dob.Day, DateTime.DaysInMonth(year, dob.Month)));

    /// <inheritdoc/>
    public override string ToString() => $"Persona {Name}";
}
