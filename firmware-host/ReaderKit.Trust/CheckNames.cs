namespace ReaderKit.Trust;

/// <summary>Stable check names (part of the result contract: reports, JSON and the journal key on them).</summary>
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
    public const string TextBoundToChip = "text.bound-to-chip";
    public const string TextMatchesSurface = "text.matches-surface";
    public const string JpkiAuthCertificatePath = "jpki.auth-certificate-path";
    public const string JpkiAuthCertificateValidity = "jpki.auth-certificate-validity";
    public const string JpkiAuthCaKnown = "jpki.auth-ca-is-trusted-root";
    public const string CommonCrossCheck = "common.cross-check";

    /// <summary>The checks that must PASS for a card to be genuine: the surface CVC, DF28 and the surface chip challenge.</summary>
    public static IReadOnlyList<string> CoreChecks { get; } = [SurfaceCvc, SurfaceCardFace, SurfaceCardPresence];

    /// <summary>Checks about validity in time rather than authenticity (an expired genuine card is still genuine).</summary>
    public static IReadOnlySet<string> ValidityChecks { get; } = new HashSet<string>(StringComparer.Ordinal) { CardNotExpired };
}
