namespace ReaderKit.Trust;

/// <summary>Context a check needs beyond the bytes.</summary>
/// <param name="VerificationTime">Certificate validity and card expiry are judged at this instant.</param>
/// <param name="VerificationNumberExpiryYear">
/// Expiry year from the 照合番号B the card accepted (live path only). The chip confirmed it, so it outranks the unsigned DF29
/// when the two disagree.
/// </param>
/// <param name="MyNumberPurpose">Configured My Number purpose; null means EF 0001 is never read nor reported.</param>
public sealed record EvidenceContext(DateTimeOffset VerificationTime, int? VerificationNumberExpiryYear = null, string? MyNumberPurpose = null);
