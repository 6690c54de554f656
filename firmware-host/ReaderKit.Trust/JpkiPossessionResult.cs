using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>
/// What an offline JPKI user authentication (a smartphone's スマホ用電子証明書, or a plastic card's auth key) established.
/// A pass proves exactly <see cref="Proves"/> and nothing in <see cref="CannotProve"/>: the user-authentication certificate
/// carries no name, address, birth date, sex or photo, and a phone has no card-face AP whose J-LIS signatures could be
/// checked.
/// </summary>
public sealed record JpkiPossessionResult
{
    /// <summary>What a passing result proves offline.</summary>
    public static IReadOnlyList<string> Proves { get; } =
    [
        "the carrier holds the private key of a user-authentication certificate (it signed a fresh random nonce)",
        "that certificate was issued under a held JPKI user-authentication root (J-LIS) and is valid at the verification time",
    ];

    /// <summary>What no JPKI authentication proves offline.</summary>
    public static IReadOnlyList<string> CannotProve { get; } =
    [
        "the holder's name, address, birth date, sex or photo (the certificate has none; a phone has no card-face or text AP)",
        "J-LIS card-face signatures (there is no card face to verify)",
        "that the person presenting is the holder (no face match is possible without a chip photo)",
        "that the certificate is not revoked (no CRL or OCSP offline)",
    ];

    /// <summary>The carrier named by the token label.</summary>
    public required JpkiTokenKind Carrier { get; init; }

    /// <summary>Every check in order: token, chain, validity, challenge, card face (always SKIP).</summary>
    public required IReadOnlyList<CheckOutcome> Checks { get; init; }

    /// <summary>The instant validity was judged at.</summary>
    public required DateTimeOffset VerificationTime { get; init; }

    /// <summary>The certificate chains to a held, usable root.</summary>
    public bool ChainTrusted => Passed(JpkiPossessionChecks.Chain);

    /// <summary>The certificate is valid at <see cref="VerificationTime"/>.</summary>
    public bool ValidAtVerificationTime => Passed(JpkiPossessionChecks.Validity);

    /// <summary>The carrier signed the nonce with the certificate's key.</summary>
    public bool KeyPossessionProven => Passed(JpkiPossessionChecks.Challenge);

    /// <summary>A J-LIS-issued key is held by the carrier: chain and challenge passed (validity is judged separately).</summary>
    public bool IsGenuine => ChainTrusted && KeyPossessionProven;

    /// <summary>The root the certificate chained to, or null.</summary>
    public TrustAnchor? Anchor { get; init; }

    /// <summary>The certificate's subject (a JPKI auth certificate's subject holds no personal data), or null when unreadable.</summary>
    public string? CertificateSubject { get; init; }

    /// <summary>The certificate's validity window, when readable.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The certificate's validity window, when readable.</summary>
    public DateTimeOffset? NotAfter { get; init; }

    private bool Passed(string name) => Checks.Any(c => c.Name == name && c.Status == CheckStatus.Pass);
}
