using ReaderKit.Card.Credentials;

namespace ReaderKit.Trust;

/// <summary>What <see cref="CardInspector"/> reads and how it presents credentials. Trust lives in <see cref="TrustOptions"/>.</summary>
public sealed record CardInspectionOptions
{
    /// <summary>Retry floor for every credential presented (queried first; refused at or below the floor).</summary>
    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    /// <summary>Also read and verify the text AP (name/address as text). Presents 照合番号B to the text AP too.</summary>
    public bool ReadTextAp { get; init; } = true;

    /// <summary>Read the JPKI user-authentication certificate (no PIN) and check its path (advisory).</summary>
    public bool ReadJpki { get; init; } = true;

    /// <summary>Read the common AP record (unsigned cross-check, advisory).</summary>
    public bool ReadCommonAp { get; init; } = true;

    /// <summary>Present the birth-date part of 照合番号B to the surface 生年月日 key (another counter) and verify the age record EF 0001.</summary>
    public bool ReadAgeRecord { get; init; }

    /// <summary>
    /// A My Number purpose (legal basis) — only then, and only with <see cref="MyNumberPin"/>, is text EF 0001 read, DF31
    /// checked and the number returned. Null (the default): the My Number is never read.
    /// </summary>
    public string? MyNumberPurpose { get; init; }

    /// <summary>The text AP 4-digit PIN for the My Number purpose (the caller disposes it).</summary>
    public CardPin? MyNumberPin { get; init; }

    /// <summary>Instant to judge certificate validity and card expiry at (null: now, from the inspector's TimeProvider).</summary>
    public DateTimeOffset? VerificationTime { get; init; }
}
