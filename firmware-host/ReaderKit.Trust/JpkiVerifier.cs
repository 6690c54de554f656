using System.Globalization;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.X509;
using PkixTrustAnchor = Org.BouncyCastle.Pkix.TrustAnchor;

namespace ReaderKit.Trust;

/// <summary>
/// Checks the JPKI user-authentication certificate (EF 000A) and the card's CA certificate (EF 000B) against the
/// <see cref="TrustAnchorRole.JpkiAuthRoot"/> anchors. JPKI never decides genuineness on its own: a root generation the
/// store does not hold, a refused test root, an unreadable certificate or an expired e-certificate is an advisory (WARN).
/// Only a certificate whose authority key identifier names a held root and whose signature then fails is a FAIL (forged
/// or altered). Revocation cannot be checked offline. Pure: no I/O.
/// </summary>
public sealed class JpkiVerifier
{
    public JpkiVerifier(TrustOptions trust)
    {
        Trust = trust ?? throw new ArgumentNullException(nameof(trust));
    }

    public TrustOptions Trust { get; }

    /// <summary>Appends <c>jpki.auth-ca-is-trusted-root</c>, <c>jpki.auth-certificate-path</c> and <c>jpki.auth-certificate-validity</c>.</summary>
    public void Verify(CardEvidence evidence, EvidenceContext context, EvidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        if (evidence.JpkiAuthCertificate is null)
        {
            if (evidence.JpkiAuthCaCertificate is not null)
            {
                result.Add(CheckOutcome.Skip(CheckNames.JpkiAuthCertificatePath, "no user-authentication certificate (JPKI EF 000A)"));
            }

            return;
        }

        if (X509Parsing.TryParse(evidence.JpkiAuthCertificate) is not { } certificate)
        {
            result.Add(CheckOutcome.Warn(CheckNames.JpkiAuthCertificatePath, "the user-authentication certificate is not a readable X.509 certificate: JPKI not checked (advisory)"));
            return;
        }

        var allRoots = Trust.TrustStore.JpkiRootsFor(TrustAnchorRole.JpkiAuthRoot).ToList();
        var usable = allRoots.Where(r => Trust.AllowTestAnchors || !r.Anchor.IsTestAnchor).ToList();
        if (evidence.JpkiAuthCaCertificate is { } caBytes)
        {
            CheckCardCa(caBytes, allRoots, result);
        }

        // Every JPKI generation shares one issuer name, so a root is picked by the certificate's authority key identifier.
        var authorityKeyId = X509Parsing.AuthorityKeyId(certificate);
        var byName = usable.Where(r => r.Certificate.SubjectDN.Equivalent(certificate.IssuerDN)).ToList();
        var byKeyId = authorityKeyId is null ? byName : byName.Where(r => X509Parsing.IssuedBy(authorityKeyId, r.Certificate)).ToList();
        if (byKeyId.Count == 0)
        {
            var refused = allRoots.Where(r => r.Anchor.IsTestAnchor && !Trust.AllowTestAnchors && r.Certificate.SubjectDN.Equivalent(certificate.IssuerDN)
                && (authorityKeyId is null || X509Parsing.IssuedBy(authorityKeyId, r.Certificate))).ToList();
            result.Add(CheckOutcome.Warn(CheckNames.JpkiAuthCertificatePath, refused.Count > 0
                ? $"issued by the test root {refused[0].Anchor.Describe()}: refused without AllowTestAnchors (advisory; JPKI does not decide genuineness)"
                : $"issued by a root this trust store does not hold (issuer {certificate.IssuerDN}{(authorityKeyId is null ? string.Empty : ", authority key id " + Convert.ToHexString(authorityKeyId))}), e.g. a JPKI root generation not built in: add it to the trust file with role jpki-auth (advisory)"));
            result.Add(CheckOutcome.Skip(CheckNames.JpkiAuthCertificateValidity, $"not checked: no trusted root for {CheckNames.JpkiAuthCertificatePath}"));
            return;
        }

        // Chain and signatures are judged inside the certificate's own validity window; whether it is still valid at the
        // verification time is the separate, advisory validity check.
        var at = context.VerificationTime.UtcDateTime;
        var inside = at < certificate.NotBefore ? certificate.NotBefore : at > certificate.NotAfter ? certificate.NotAfter : at;
        var chain = new List<X509Certificate> { certificate };
        if (Validate(chain, byKeyId, inside, out var anchor) is { } pathError)
        {
            result.Add(authorityKeyId is null
                ? CheckOutcome.Warn(CheckNames.JpkiAuthCertificatePath, $"does not chain to a held root of the same name, and it names no authority key id to tell a forgery from an unknown root generation: {pathError} (advisory)")
                : CheckOutcome.Fail(CheckNames.JpkiAuthCertificatePath, $"names the held root {byKeyId[0].Anchor.Describe()} but its signature does not verify under it: forged or altered certificate ({pathError})"));
            result.Add(CheckOutcome.Skip(CheckNames.JpkiAuthCertificateValidity, $"not checked: {CheckNames.JpkiAuthCertificatePath} did not pass"));
            return;
        }

        result.JpkiAnchor = anchor!.Anchor;
        result.JpkiAuthSubject = certificate.SubjectDN.ToString();
        result.Add(CheckOutcome.Pass(CheckNames.JpkiAuthCertificatePath, $"chains to {anchor.Anchor.Describe()} (PKIX; revocation is not checkable offline)"));
        var window = string.Create(CultureInfo.InvariantCulture, $"valid {certificate.NotBefore:yyyy-MM-dd}..{certificate.NotAfter:yyyy-MM-dd}");
        result.Add(Validate(chain, [anchor], at, out _) is { } validityError
            ? CheckOutcome.Warn(CheckNames.JpkiAuthCertificateValidity, string.Create(CultureInfo.InvariantCulture, $"not valid at {context.VerificationTime:yyyy-MM-dd} ({window}): {validityError} (advisory: the e-certificate ends on the 5th birthday after issue, the card later)"))
            : CheckOutcome.Pass(CheckNames.JpkiAuthCertificateValidity, string.Create(CultureInfo.InvariantCulture, $"PKIX-valid at {context.VerificationTime:yyyy-MM-dd} ({window})")));
    }

    /// <summary>The card's own CA certificate proves nothing by itself (it came off the same card); it is only compared with the held roots.</summary>
    private void CheckCardCa(byte[] caBytes, List<JpkiRoot> roots, EvidenceResult result)
    {
        if (X509Parsing.TryParse(caBytes) is not { } ca)
        {
            result.Add(CheckOutcome.Warn(CheckNames.JpkiAuthCaKnown, "the card's CA certificate (EF 000B) is not a readable X.509 certificate (advisory)"));
            return;
        }

        var held = roots.FirstOrDefault(r => r.Certificate.Equals(ca));
        result.Add(held switch
        {
            null => CheckOutcome.Warn(CheckNames.JpkiAuthCaKnown, $"the card's CA certificate (serial {ca.SerialNumber.ToString(16).ToUpperInvariant()}, {ca.NotBefore:yyyy-MM-dd}..{ca.NotAfter:yyyy-MM-dd}) is not a held jpki-auth root, e.g. a root generation not built in (advisory)"),
            _ when held.Anchor.IsTestAnchor && !Trust.AllowTestAnchors => CheckOutcome.Warn(CheckNames.JpkiAuthCaKnown, $"the card's CA certificate is the test root {held.Anchor.Describe()}: refused without AllowTestAnchors (advisory)"),
            _ => CheckOutcome.Pass(CheckNames.JpkiAuthCaKnown, $"the card's CA certificate is the held root {held.Anchor.Describe()}"),
        });
    }

    /// <summary>BouncyCastle PKIX path validation against <paramref name="roots"/> at <paramref name="at"/>; null when valid.</summary>
    private static string? Validate(List<X509Certificate> chain, List<JpkiRoot> roots, DateTime at, out JpkiRoot? anchor)
    {
        anchor = null;
        try
        {
            var parameters = new PkixParameters(new HashSet<PkixTrustAnchor>(roots.Select(r => new PkixTrustAnchor(r.Certificate, null))))
            {
                IsRevocationEnabled = false,
                Date = at,
            };
            var validated = new PkixCertPathValidator().Validate(new PkixCertPath(chain), parameters);
            anchor = roots.FirstOrDefault(r => r.Certificate.Equals(validated.TrustAnchor.TrustedCert)) ?? roots[0];
            return null;
        }
        catch (PkixCertPathValidatorException ex)
        {
            return ex.Message.ReplaceLineEndings(" ");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return ex.Message.ReplaceLineEndings(" ");
        }
    }
}
