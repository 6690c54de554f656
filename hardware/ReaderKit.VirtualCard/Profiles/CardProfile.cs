namespace ReaderKit.VirtualCard.Profiles;

/// <summary>
/// How one model of card behaves where published real cards differ from each other (the holder's data is the persona's):
/// the ATR/ATQB, extended-length support, the MF-level certificate chain, the JPKI token label, the contact ATR's
/// availability, and two switches that only tests want (the stricter challenge rule, the <c>9000</c> answer to an empty
/// VERIFY after verification). Every field cites its source or says [U] in the README's fidelity table. Fields that shape file
/// contents (<see cref="ExtendedLengthByte"/>, <see cref="JpkiTokenLabel"/>, <see cref="HasLowerMfCertificate"/>,
/// <see cref="ContactAtrWithoutTs"/>) take effect at personalisation; the others are read by the card at run time, so
/// <c>image with { Profile = … }</c> changes them for an already personalised image.
/// </summary>
public sealed record CardProfile
{
    /// <summary>Stable name (simulator <c>--profile</c>).</summary>
    public required string Name { get; init; }

    /// <summary>One line: what this profile is for.</summary>
    public required string Description { get; init; }

    /// <summary>ATQB application data and protocol info (and so the pseudo-ATR and FWI).</summary>
    public ContactlessIdentity Contactless { get; init; } = ContactlessIdentity.Fwi10Listed2020;

    /// <summary>
    /// The contact-interface ATR without TS, as GET DATA <c>5F51</c> returns it. Default <c>E0 00 FF 81 31 FE 45 14</c>
    /// (zero historical bytes): the value soltia48/myna-card tests against and the card's README describes, and OpenSC's JPKI
    /// ATR.
    /// </summary>
    public byte[] ContactAtrWithoutTs { get; init; } = [0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];

    /// <summary>GET DATA <c>5F51</c> answers only with an application selected (some cards; others answer at the MF too).</summary>
    public bool ContactAtrOnlyInApplications { get; init; }

    /// <summary>
    /// The card declares extended Lc/Le in its basic-information records (text EF 0005 DF41 and surface EF 0003 DF31 byte 1 =
    /// <c>03</c>, as observed) and honours extended-length APDUs. False: byte 1 = <c>00</c> and every extended-length APDU is
    /// answered <c>6700</c> [U: no such card is documented; it models the card issue 19 must fall back on].
    /// </summary>
    public bool ExtendedLength { get; init; } = true;

    /// <summary>
    /// The stricter, non-real rule: <c>80 2A 00 00</c> in the surface and text APs needs a credential of the AP (<c>6982</c>
    /// otherwise). Real cards sign without one (soltia48/myna-card).
    /// </summary>
    public bool ChallengeNeedsCredential { get; init; }

    /// <summary>GET DATA <c>7F21</c> (the lower MF-level certificate) exists; "missing on older cards" (soltia48/myna-card).</summary>
    public bool HasLowerMfCertificate { get; init; } = true;

    /// <summary>JPKI EF 0006 label: <c>JPKIAPICCTOKEN2</c> (soltia48) or the older <c>JPKIAPICCTOKEN</c> (jpki/myna).</summary>
    public string JpkiTokenLabel { get; init; } = "JPKIAPICCTOKEN2";

    /// <summary>
    /// An empty VERIFY of a key verified in this session answers <c>9000</c> instead of <c>63Cx</c> ("some cards",
    /// soltia48/myna-card; JICSAP leaves it undefined).
    /// </summary>
    public bool EmptyVerifyAnswersOkWhenVerified { get; init; }

    /// <summary>
    /// Non-null for a smartphone carrying JPKI (スマホ用電子証明書): it answers ISO/IEC 14443 Type A with these values (never
    /// Type B), exposes only the JPKI applet, labels its token <c>JPKIAPGPSETOKEN</c> and releases the user-authentication
    /// certificate (EF 000A) only after VERIFY of the authentication PIN (jpki/myna, see the README's fidelity table).
    /// </summary>
    public TypeAIdentity? TypeA { get; init; }

    /// <summary>True for a phone profile (<see cref="TypeA"/> set).</summary>
    public bool IsPhone => TypeA is not null;

    /// <summary>Per-command card time (all [U]).</summary>
    public CardTiming Timing { get; init; } = CardTiming.Assumed;

    /// <summary>DF41 (text EF 0005) / DF31 (surface EF 0003) byte 1: <c>03</c> when extended length is declared, else <c>00</c>.</summary>
    public byte ExtendedLengthByte => ExtendedLength ? (byte)0x03 : (byte)0x00;

    /// <summary>The default: the behaviour published for the card soltia48/myna-card documents, FWI-10 ATR listed in 2020.</summary>
    public static CardProfile Current { get; } = new()
    {
        Name = "current",
        Description = "Published real-card behaviour; ATR 3B888001000005E0B381A1007F (FWI 10); declares and honours extended length.",
    };

    /// <summary>The FWI-13 ATR listed in 2024 (frame waiting time ≈ 2.47 s); otherwise <see cref="Current"/>.</summary>
    public static CardProfile Fwi13 { get; } = Current with
    {
        Name = "fwi13",
        Description = "ATR 3B888001004B51FFB381D1000F (FWI 13, listed 2024); otherwise current.",
        Contactless = ContactlessIdentity.Fwi13Listed2024,
    };

    /// <summary>An older card: the 2018-listed ATR, no lower MF certificate, the JPKIAPICCTOKEN label, 5F51 only inside an AP.</summary>
    public static CardProfile Older { get; } = Current with
    {
        Name = "older",
        Description = "Older card: ATR 3B888001000041E0B381A1003B (FWI 10, listed 2018), no GET DATA 7F21, token JPKIAPICCTOKEN, 5F51 only inside an AP.",
        Contactless = ContactlessIdentity.Fwi10Listed2018,
        HasLowerMfCertificate = false,
        JpkiTokenLabel = "JPKIAPICCTOKEN",
        ContactAtrOnlyInApplications = true,
    };

    /// <summary>A card that neither declares nor honours extended length [U].</summary>
    public static CardProfile NoExtendedLength { get; } = Current with
    {
        Name = "no-extended-length",
        Description = "Declares no extended Lc/Le (DF41/DF31 byte 1 = 00) and answers 6700 to every extended-length APDU [U].",
        ExtendedLength = false,
    };

    /// <summary>The stricter challenge rule (a credential before <c>80 2A 00 00</c>) kept for tests.</summary>
    public static CardProfile StrictChallenge { get; } = Current with
    {
        Name = "strict-challenge",
        Description = "Not a real card: 80 2A 00 00 in the surface/text APs needs a credential (6982 otherwise).",
        ChallengeNeedsCredential = true,
    };

    /// <summary>
    /// A smartphone presenting the JPKI applet (Android since 2023, iPhone since 2025): Type A, JPKI applet only, token
    /// <c>JPKIAPGPSETOKEN</c>, user-authentication certificate behind the authentication PIN; no extended length [U].
    /// </summary>
    public static CardProfile Phone { get; } = Current with
    {
        Name = "phone",
        Description = "Smartphone JPKI: ISO 14443-4 Type A (ATQA 0004, SAK 20, ATS 0578807002), JPKI applet only, token JPKIAPGPSETOKEN, auth certificate after the auth PIN.",
        TypeA = TypeAIdentity.PhoneCardEmulation,
        JpkiTokenLabel = "JPKIAPGPSETOKEN",
        ExtendedLength = false,
        HasLowerMfCertificate = false,
    };

    /// <summary>Every named profile.</summary>
    public static IReadOnlyList<CardProfile> All { get; } = [Current, Fwi13, Older, NoExtendedLength, StrictChallenge, Phone];

    /// <summary>A profile by name (case-insensitive).</summary>
    public static bool TryGet(string name, out CardProfile profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }

    /// <summary>A profile by name.</summary>
    /// <exception cref="KeyNotFoundException">No profile has that name.</exception>
    public static CardProfile Get(string name) =>
        TryGet(name, out var profile) ? profile : throw new KeyNotFoundException($"No card profile named '{name}'.");

    /// <inheritdoc/>
    public override string ToString() => $"CardProfile {Name}";
}
