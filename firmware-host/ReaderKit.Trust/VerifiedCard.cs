using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>
/// The result of one <see cref="CardInspector.InspectAsync"/>: every check, the decision (<see cref="IsGenuine"/>,
/// <see cref="IsValidAtVerificationTime"/>, <see cref="IsAccepted"/>), the data whose signatures held, the anchors used,
/// and per-step timings. Holds no 照合番号B; the My Number only under a configured purpose (dispose to zero it).
/// </summary>
public sealed class VerifiedCard : IDisposable
{
    internal VerifiedCard(EvidenceResult evidence, DateTimeOffset verificationTime, int? remainingTries, IReadOnlyList<StepTiming> timings, MyNumber? myNumber)
    {
        Checks = evidence.Checks;
        CardFace = evidence.CardFace;
        TextAttributes = evidence.TextAttributes;
        UnboundTextAttributes = evidence.UnboundTextAttributes;
        TextBinding = evidence.TextBinding;
        Expiry = evidence.Expiry;
        MunicipalityCode = evidence.MunicipalityCode;
        CommonRecord = evidence.CommonRecord;
        AgeRecordBirthDate = evidence.AgeRecordBirthDate;
        JpkiAuthSubject = evidence.JpkiAuthSubject;
        SurfaceAnchor = evidence.SurfaceAnchor;
        TextAnchor = evidence.TextAnchor;
        JpkiAnchor = evidence.JpkiAnchor;
        AnchorsUsed = evidence.AnchorsUsed;
        VerificationTime = verificationTime;
        RemainingTriesBeforeVerify = remainingTries;
        Timings = timings;
        MyNumber = myNumber;
    }

    /// <summary>
    /// The card is authentic and present: the core checks (<see cref="CheckNames.CoreChecks"/>: surface CVC to a surface-ap
    /// anchor, DF28, the surface chip challenge) passed and no other check FAILed except validity in time. WARN never counts.
    /// </summary>
    public bool IsGenuine =>
        CheckNames.CoreChecks.All(n => Checks.Any(c => c.Name == n && c.Status == CheckStatus.Pass))
        && Checks.All(c => c.Status != CheckStatus.Fail || CheckNames.ValidityChecks.Contains(c.Name));

    /// <summary>The card had not expired at the verification time: <c>card.not-expired</c> passed (a missing DF29 fails it).</summary>
    public bool IsValidAtVerificationTime =>
        Checks.Any(c => c.Name == CheckNames.CardNotExpired && c.Status == CheckStatus.Pass)
        && Checks.All(c => c.Status != CheckStatus.Fail || !CheckNames.ValidityChecks.Contains(c.Name));

    /// <summary>Genuine and valid: what a kiosk may accept (face match aside).</summary>
    public bool IsAccepted => IsGenuine && IsValidAtVerificationTime;

    public IReadOnlyList<CheckOutcome> Checks { get; }

    /// <summary>The instant validity was judged at.</summary>
    public DateTimeOffset VerificationTime { get; }

    /// <summary>Signed card-face data (DOB, sex, name/address PNGs, JPEG 2000 photo); null unless DF28 verified.</summary>
    public CardFace? CardFace { get; }

    public DateOnly? BirthDate => CardFace?.BirthDate;

    public Sex? Sex => CardFace?.Sex;

    public byte[]? NameImagePng => CardFace?.NameImagePng;

    public byte[]? AddressImagePng => CardFace?.AddressImagePng;

    public byte[]? PhotoJpeg2000 => CardFace?.PhotoJpeg2000;

    /// <summary>Name/address as text: signed (DF32 + DF33) and bound to this chip (<see cref="TextBinding"/>); otherwise null.</summary>
    public TextAttributes? TextAttributes { get; }

    /// <summary>Signed text attributes NOT bound to this chip (its challenge failed or could not run): never report them as verified.</summary>
    public TextAttributes? UnboundTextAttributes { get; }

    /// <summary>How the text attributes are tied to the chip (check <c>text.bound-to-chip</c>).</summary>
    public TextBinding TextBinding { get; }

    /// <summary>DF29 expiry — not covered by any signature.</summary>
    public Unsigned<DateOnly>? Expiry { get; }

    /// <summary>Issuing municipality code (surface EF 0003) — unsigned.</summary>
    public Unsigned<string>? MunicipalityCode { get; }

    public CommonCardRecord? CommonRecord { get; }

    public DateOnly? AgeRecordBirthDate { get; }

    public string? JpkiAuthSubject { get; }

    /// <summary>The anchor the surface CVC chained to (null when <c>surface.cvc</c> did not pass).</summary>
    public TrustAnchor? SurfaceAnchor { get; }

    /// <summary>The anchor the text CVC chained to (null when the text AP was not read or <c>text.cvc</c> did not pass).</summary>
    public TrustAnchor? TextAnchor { get; }

    /// <summary>The JPKI root the user-authentication certificate chained to (null when not read or not chained).</summary>
    public TrustAnchor? JpkiAnchor { get; }

    /// <summary>Every anchor a passing check used: key id or root, role, built-in or file, test or not.</summary>
    public IReadOnlyList<TrustAnchor> AnchorsUsed { get; }

    /// <summary>True when any anchor used is a test anchor (only possible with <see cref="TrustOptions.AllowTestAnchors"/>): a test card.</summary>
    public bool UsedTestAnchor => AnchorsUsed.Any(a => a.IsTestAnchor);

    /// <summary>True when any anchor used came from a trust file rather than the built-in table.</summary>
    public bool UsedFileAnchor => AnchorsUsed.Any(a => a.IsFromFile);

    /// <summary>照合番号B tries left before this inspection's VERIFY (null: the card reports no counter).</summary>
    public int? RemainingTriesBeforeVerify { get; }

    /// <summary>Start offset and duration of every step that ran, in order.</summary>
    public IReadOnlyList<StepTiming> Timings { get; }

    /// <summary>From the start of the first step to the end of the last.</summary>
    public TimeSpan TotalDuration => Timings.Count == 0 ? TimeSpan.Zero : Timings[^1].Offset + Timings[^1].Duration;

    /// <summary>Only when a My Number purpose was configured and DF31 verified; otherwise null.</summary>
    public MyNumber? MyNumber { get; }

    public void Dispose() => MyNumber?.Dispose();
}
