using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>
/// What the evidence proved, plus every check outcome, accumulated by the per-application verifiers in order (surface,
/// text, JPKI, common). Data fields are set only after their signature verified. Not thread-safe: one per verification.
/// </summary>
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

    /// <summary>The anchor the surface CVC chained to (set only when <c>surface.cvc</c> passed).</summary>
    public TrustAnchor? SurfaceAnchor { get; internal set; }

    /// <summary>The anchor the text CVC chained to (set only when <c>text.cvc</c> passed).</summary>
    public TrustAnchor? TextAnchor { get; internal set; }

    /// <summary>The JPKI root the user-authentication certificate chained to (set only when the path passed).</summary>
    public TrustAnchor? JpkiAnchor { get; internal set; }

    /// <summary>Every anchor a passing check used, surface first.</summary>
    public IReadOnlyList<TrustAnchor> AnchorsUsed => new[] { SurfaceAnchor, TextAnchor, JpkiAnchor }.OfType<TrustAnchor>().ToList();

    /// <summary>Name/address as text, only when signed (DF32 + DF33) <b>and</b> bound to the chip (<see cref="TextBinding"/>).</summary>
    public TextAttributes? TextAttributes => TextBinding is TextBinding.OwnChallenge or TextBinding.SurfaceChipKey ? SignedTextAttributes : null;

    /// <summary>Text attributes whose signatures verified but that are not bound to the chip; null otherwise.</summary>
    public TextAttributes? UnboundTextAttributes => TextBinding == TextBinding.Unbound ? SignedTextAttributes : null;

    /// <summary>How the text attributes are tied to the chip (set by <see cref="TextVerifier.CheckChipBinding"/>).</summary>
    public TextBinding TextBinding { get; internal set; }

    public Unsigned<DateOnly>? Expiry { get; internal set; }

    public Unsigned<string>? MunicipalityCode { get; internal set; }

    public DateOnly? AgeRecordBirthDate { get; internal set; }

    public CommonCardRecord? CommonRecord { get; internal set; }

    /// <summary>Subject DN of the validated JPKI user-authentication certificate.</summary>
    public string? JpkiAuthSubject { get; internal set; }

    /// <summary>True when at least one check passed and none failed (WARN and SKIP do not count against it).</summary>
    public bool AllPassed => _checks.Any(c => c.Status == CheckStatus.Pass) && _checks.All(c => c.Status != CheckStatus.Fail);

    /// <summary>Text attributes whose DF32/DF33 verified, before the chip binding is decided.</summary>
    internal TextAttributes? SignedTextAttributes { get; set; }

    /// <summary>12 ASCII digits; only when a My Number purpose is configured and DF31 verified. Zeroize after use.</summary>
    internal byte[]? MyNumberDigits { get; set; }

    public void Add(CheckOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _checks.Add(outcome);
    }

    /// <summary>The status of a check, or null when it was not reported.</summary>
    public CheckStatus? StatusOf(string name) => _checks.LastOrDefault(c => c.Name == name)?.Status;
}
