using System.Security.Cryptography;

namespace ReaderKit.Protocol;

/// <summary>
/// The SHA-256 fingerprint of a device certificate (over its DER bytes), the value a client pins at pairing. Written as
/// 64 lower-case hex digits; <see cref="TryParse"/> also accepts upper case and colon or space separators.
/// </summary>
public static class CertificateFingerprint
{
    /// <summary>The fingerprint of a DER-encoded certificate, as 32 bytes.</summary>
    public static byte[] Compute(ReadOnlySpan<byte> certificateDer) => SHA256.HashData(certificateDer);

    /// <summary>The canonical text form: 64 lower-case hex digits.</summary>
    public static string Format(ReadOnlySpan<byte> fingerprint) => Convert.ToHexStringLower(fingerprint);

    /// <summary>Parses a fingerprint written with or without <c>:</c>/space separators, any case.</summary>
    public static bool TryParse(string? text, out byte[] fingerprint)
    {
        fingerprint = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = text.Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact.Length != 64)
        {
            return false;
        }

        try
        {
            fingerprint = Convert.FromHexString(compact);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
