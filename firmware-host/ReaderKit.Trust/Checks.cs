namespace ReaderKit.Trust;

/// <summary>Result of one check.</summary>
public enum CheckStatus
{
    /// <summary>The check ran and passed.</summary>
    Pass,

    /// <summary>The check ran and failed (the card or dump is rejected).</summary>
    Fail,

    /// <summary>The check's inputs were not available (not read, not configured, or a prerequisite failed).</summary>
    Skip,
}

/// <summary>One check's outcome: a stable name (see <see cref="CheckNames"/>), the status and a human reason.</summary>
public sealed record CheckOutcome(string Name, CheckStatus Status, string Reason)
{
    public static CheckOutcome Pass(string name, string reason) => new(name, CheckStatus.Pass, reason);

    public static CheckOutcome Fail(string name, string reason) => new(name, CheckStatus.Fail, reason);

    public static CheckOutcome Skip(string name, string reason) => new(name, CheckStatus.Skip, reason);

    public override string ToString() => $"{Status.ToString().ToUpperInvariant()} {Name}: {Reason}";
}

/// <summary>Stable check names.</summary>
public static class CheckNames
{
    public const string SurfaceCvc = "surface.cvc";
    public const string SurfaceCardFace = "surface.card-face-signature";
    public const string SurfaceCardPresence = "surface.card-presence";
    public const string SurfaceExpiryMatchesVerificationNumber = "surface.expiry-vs-verification-number";
    public const string CardNotExpired = "card.not-expired";
    public const string SurfaceAgeRecord = "surface.age-record-signature";
    public const string TextCvc = "text.cvc";
    public const string TextIntegritySignature = "text.integrity-signature";
    public const string TextAttributesDigest = "text.attributes-digest";
    public const string TextMyNumberDigest = "text.my-number-digest";
    public const string TextCardKey = "text.card-key-signature";
    public const string TextCardPresence = "text.card-presence";
    public const string TextMatchesSurface = "text.matches-surface";
    public const string JpkiAuthCertificatePath = "jpki.auth-certificate-path";
    public const string JpkiAuthCertificateValidity = "jpki.auth-certificate-validity";
    public const string JpkiAuthCaKnown = "jpki.auth-ca-is-trusted-root";
    public const string CommonCrossCheck = "common.cross-check";

    /// <summary>Checks about validity in time rather than authenticity (an expired genuine card is still genuine).</summary>
    public static IReadOnlySet<string> ValidityChecks { get; } = new HashSet<string>(StringComparer.Ordinal) { CardNotExpired, JpkiAuthCertificateValidity };
}

/// <summary>How long one step of the live verification took.</summary>
public sealed record StepTiming(string Step, TimeSpan Duration);

/// <summary>A value read from the card that no signature covers (expiry DF29, municipality code, common AP).</summary>
public sealed record Unsigned<T>(T Value, string Source)
{
    /// <summary>Always false: reported so callers cannot mistake it for authenticated data.</summary>
    public bool IsSigned => false;
}
