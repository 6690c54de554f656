namespace ReaderKit.Trust;

/// <summary>Outcome of the card-face DF28 check.</summary>
/// <param name="Valid">The signature verifies.</param>
/// <param name="MismatchedGroups">1-based groups whose digest differs from the signed one, when the scheme can tell (RSA); else empty.</param>
public sealed record CardFaceSignatureResult(bool Valid, IReadOnlyList<int> MismatchedGroups);
