using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace ReaderKit.VirtualCard.Crypto;

/// <summary>
/// JPKI test hierarchy: self-signed RSA-2048 user-authentication and digital-signature CA roots
/// (subjects as the real ones with <c>O=JPKI-TEST</c>, as JPKI test cards use) that issue holder certificates
/// with sha256WithRSAEncryption.
/// </summary>
public sealed class JpkiHierarchy
{
    private const string Agency = "Japan Agency for Local Authority Information Systems";

    /// <summary>OID arc J-LIS uses for holder attributes in signature certificates' subjectAltName (assumption, see README).</summary>
    public const string HolderAttributeArc = "1.2.392.200149.8.5.5";

    internal JpkiHierarchy(TestPki pki)
    {
        var keys = new[] { "jpki/auth-ca", "jpki/sign-ca" }.AsParallel().AsOrdered()
            .Select(label => CardSigningKey.Generate(CardKeyAlgorithm.Rsa2048, DeterministicRandom.Create(pki.Seed, label)))
            .ToArray();
        AuthCaKey = keys[0];
        SignCaKey = keys[1];
        AuthCa = CreateRoot(AuthCaKey, "JPKI for user authentication", 1);
        SignCa = CreateRoot(SignCaKey, "JPKI for digital signature", 2);
    }

    /// <summary>Start of the test roots' validity (UTC).</summary>
    public static DateTime RootNotBefore { get; } = new(2015, 10, 20, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>End of the test roots' validity (UTC). Wider than a real generation so every persona's certificates nest.</summary>
    public static DateTime RootNotAfter { get; } = new(2040, 10, 19, 14, 59, 59, DateTimeKind.Utc);

    /// <summary>Private key of the user-authentication CA.</summary>
    public CardSigningKey AuthCaKey { get; }

    /// <summary>Private key of the digital-signature CA.</summary>
    public CardSigningKey SignCaKey { get; }

    /// <summary>User-authentication CA root (JPKI AP EF 000B).</summary>
    public X509Certificate AuthCa { get; }

    /// <summary>Digital-signature CA root (JPKI AP EF 0002).</summary>
    public X509Certificate SignCa { get; }

    /// <summary>Issues a 利用者証明用 certificate: subject <c>C=JP, CN=&lt;id&gt;</c>, no personal data.</summary>
    public X509Certificate IssueAuthCertificate(CardSigningKey holderKey, string commonName, BigInteger serial, DateTime notBefore, DateTime notAfter)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        var generator = HolderGenerator(AuthCa, holderKey, new X509Name($"C=JP,CN={commonName}"), serial, notBefore, notAfter);
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", AuthCaKey.PrivateKey));
    }

    /// <summary>
    /// Issues a 署名用 certificate: subject <c>C=JP, L=&lt;prefecture&gt;, L=&lt;city&gt;, CN=&lt;id&gt;</c> and the holder's
    /// basic facts as UTF8String otherNames in subjectAltName (name, DOB, sex, address under <see cref="HolderAttributeArc"/>).
    /// </summary>
    public X509Certificate IssueSignCertificate(
        CardSigningKey holderKey, string commonName, string prefecture, string city, BigInteger serial, DateTime notBefore, DateTime notAfter,
        string name, string dateOfBirth, string sexDigit, string address)
    {
        ArgumentNullException.ThrowIfNull(holderKey);
        var subject = new X509Name(
            [X509Name.C, X509Name.L, X509Name.L, X509Name.CN],
            new[] { "JP", prefecture, city, commonName });
        var generator = HolderGenerator(SignCa, holderKey, subject, serial, notBefore, notAfter);
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        GeneralName Other(int n, string value) => new(GeneralName.OtherName,
            new DerSequence(new DerObjectIdentifier($"{HolderAttributeArc}.{n}"), new DerTaggedObject(true, 0, new DerUtf8String(value))));
        generator.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(
            [Other(1, name), Other(4, dateOfBirth), Other(3, sexDigit), Other(5, address)]));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", SignCaKey.PrivateKey));
    }

    private static X509V3CertificateGenerator HolderGenerator(
        X509Certificate issuer, CardSigningKey holderKey, X509Name subject, BigInteger serial, DateTime notBefore, DateTime notAfter)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetIssuerDN(issuer.SubjectDN);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notAfter);
        generator.SetPublicKey(holderKey.PublicKey);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(holderKey.PublicKey));
        return generator;
    }

    private static X509Certificate CreateRoot(CardSigningKey key, string purpose, long serial)
    {
        var name = new X509Name(
            [X509Name.C, X509Name.O, X509Name.OU, X509Name.OU],
            new[] { "JP", "JPKI-TEST", purpose, Agency });
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(serial));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(RootNotBefore);
        generator.SetNotAfter(RootNotAfter);
        generator.SetPublicKey(key.PublicKey);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(key.PublicKey));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", key.PrivateKey));
    }
}
