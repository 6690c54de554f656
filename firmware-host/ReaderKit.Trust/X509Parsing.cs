using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace ReaderKit.Trust;

/// <summary>
/// What the JPKI verifiers (the card's <see cref="JpkiVerifier"/> and the phone's <see cref="JpkiPossessionVerifier"/>) read
/// from X.509 certificates with BouncyCastle, failing soft: a malformed certificate or extension gives null, which the
/// callers turn into a FAIL check, never an exception out of the verifier.
/// </summary>
internal static class X509Parsing
{
    /// <summary>The certificate in <paramref name="der"/>, or null when it is empty or not a certificate.</summary>
    public static X509Certificate? TryParse(byte[] der)
    {
        try
        {
            return der.Length == 0 ? null : new X509CertificateParser().ReadCertificate(der);
        }
        catch (Exception ex) when (ex is IOException or Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException or InvalidOperationException or Asn1Exception)
        {
            return null;
        }
    }

    /// <summary>The authority key identifier, or null when absent or malformed.</summary>
    public static byte[]? AuthorityKeyId(X509Certificate certificate)
    {
        try
        {
            return certificate.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier) is { } value
                ? AuthorityKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(value)).KeyIdentifier?.GetOctets()
                : null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Asn1Exception or IOException)
        {
            return null;
        }
    }

    /// <summary>The subject key identifier (computed from the public key when the extension is absent), or null when malformed.</summary>
    public static byte[]? SubjectKeyId(X509Certificate certificate)
    {
        try
        {
            return certificate.GetExtensionValue(X509Extensions.SubjectKeyIdentifier) is { } value
                ? SubjectKeyIdentifier.GetInstance(X509ExtensionUtilities.FromExtensionValue(value)).GetKeyIdentifier()
                : X509ExtensionUtilities.CreateSubjectKeyIdentifier(certificate.GetPublicKey()).GetKeyIdentifier();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Asn1Exception or IOException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="issuer"/>'s subject key identifier is <paramref name="authorityKeyId"/>.</summary>
    public static bool IssuedBy(byte[] authorityKeyId, X509Certificate issuer) =>
        SubjectKeyId(issuer) is { } ski && ski.AsSpan().SequenceEqual(authorityKeyId);
}
