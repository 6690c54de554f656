using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>
/// The raw bytes of each EF as READ BINARY returned them (null = not read). Both the live verifier and
/// <c>readerkit verify-dump</c> feed this to <see cref="EvidenceVerifier"/>.
/// </summary>
public sealed record CardEvidence
{
    public byte[]? SurfaceCardFace { get; init; }

    public byte[]? SurfaceCertificate { get; init; }

    public byte[]? SurfaceApInfo { get; init; }

    public byte[]? SurfaceAgeRecord { get; init; }

    public byte[]? TextAttributes { get; init; }

    public byte[]? TextIntegrity { get; init; }

    public byte[]? TextCertificate { get; init; }

    public byte[]? TextCardKey { get; init; }

    /// <summary>Text AP EF 0001 (17 physical bytes) — only ever set under a configured My Number purpose.</summary>
    public byte[]? TextMyNumberFile { get; init; }

    public byte[]? JpkiAuthCertificate { get; init; }

    public byte[]? JpkiAuthCaCertificate { get; init; }

    public byte[]? CommonRecord { get; init; }
}

/// <summary>Context a check needs beyond the bytes.</summary>
/// <param name="VerificationTime">Certificate validity and card expiry are judged at this instant.</param>
/// <param name="VerificationNumberExpiryYear">Expiry year from the 照合番号B the card accepted (live path only).</param>
/// <param name="MyNumberPurpose">Configured My Number purpose; null means EF 0001 is never read nor reported.</param>
public sealed record EvidenceContext(DateTimeOffset VerificationTime, int? VerificationNumberExpiryYear = null, string? MyNumberPurpose = null);

/// <summary>What the evidence proved, plus every check outcome. Data fields are set only after their signature verified.</summary>
public sealed class EvidenceResult
{
    private readonly List<CheckOutcome> _checks = [];

    public IReadOnlyList<CheckOutcome> Checks => _checks;

    /// <summary>Card-face fields (after DF28 verified).</summary>
    public CardFace? CardFace { get; internal set; }

    /// <summary>The chip's own key from DF24, authenticated by DF28: the card-presence challenge is checked with it.</summary>
    public CardPublicKey? SurfaceChipKey { get; internal set; }

    /// <summary>The text AP's signing key from EF 0007 DF51, authenticated by DF52.</summary>
    public CardPublicKey? TextChipKey { get; internal set; }

    public TextAttributes? TextAttributes { get; internal set; }

    public Unsigned<DateOnly>? Expiry { get; internal set; }

    public Unsigned<string>? MunicipalityCode { get; internal set; }

    public DateOnly? AgeRecordBirthDate { get; internal set; }

    public CommonCardRecord? CommonRecord { get; internal set; }

    /// <summary>Subject DN of the validated JPKI user-authentication certificate.</summary>
    public string? JpkiAuthSubject { get; internal set; }

    /// <summary>12 ASCII digits; only when a My Number purpose is configured and DF31 verified. Zeroize after use.</summary>
    internal byte[]? MyNumberDigits { get; set; }

    public void Add(CheckOutcome outcome) => _checks.Add(outcome);

    /// <summary>True when at least one check passed and none failed.</summary>
    public bool AllPassed => _checks.Any(c => c.Status == CheckStatus.Pass) && _checks.All(c => c.Status != CheckStatus.Fail);
}
