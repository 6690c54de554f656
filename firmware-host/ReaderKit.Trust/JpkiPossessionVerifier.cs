using System.Globalization;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.X509;
using ReaderKit.Card.Aps;
using ReaderKit.Card.Records;
using PkixTrustAnchor = Org.BouncyCastle.Pkix.TrustAnchor;

namespace ReaderKit.Trust;

/// <summary>
/// Judges a <see cref="JpkiAuthenticationEvidence"/> offline: the user-authentication certificate must chain (PKIX, BouncyCastle)
/// to a held <see cref="TrustAnchorRole.JpkiAuthRoot"/> — an unknown issuer, a refused test root or an unreadable certificate
/// FAILS (unlike the advisory JPKI checks of a card inspection, here the certificate is the whole proof); it must be valid at
/// the verification time; and the carrier's signature over the nonce must verify with the certificate's RSA key
/// (PKCS#1 v1.5, SHA-256). Revocation cannot be checked offline. Pure: no I/O.
/// </summary>
public sealed class JpkiPossessionVerifier
{
    /// <summary>Shortest nonce accepted (a challenge shorter than this proves too little freshness).</summary>
    public const int MinimumNonceLength = 16;

    public JpkiPossessionVerifier(TrustOptions trust)
    {
        Trust = trust ?? throw new ArgumentNullException(nameof(trust));
    }

    public TrustOptions Trust { get; }

    /// <summary>Judges <paramref name="evidence"/> at <paramref name="verificationTime"/>.</summary>
    public JpkiPossessionResult Verify(JpkiAuthenticationEvidence evidence, DateTimeOffset verificationTime)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var checks = new List<CheckOutcome> { TokenCheck(evidence.Token) };
        TrustAnchor? anchor = null;
        X509Certificate? certificate = X509Parsing.TryParse(evidence.AuthCertificate);
        if (certificate is null)
        {
            checks.Add(CheckOutcome.Fail(JpkiPossessionChecks.Chain, "the user-authentication certificate is not a readable X.509 certificate"));
        }
        else if (ChainCheck(certificate, out anchor) is { } chainFailure)
        {
            checks.Add(chainFailure);
        }
        else
        {
            checks.Add(CheckOutcome.Pass(JpkiPossessionChecks.Chain, $"chains to {anchor!.Describe()} (PKIX; revocation is not checkable offline)"));
        }

        var chained = anchor is not null;
        if (!chained)
        {
            checks.Add(CheckOutcome.Skip(JpkiPossessionChecks.Validity, $"not checked: {JpkiPossessionChecks.Chain} did not pass"));
            checks.Add(CheckOutcome.Skip(JpkiPossessionChecks.Challenge, $"not checked: the certificate's key is not trusted ({JpkiPossessionChecks.Chain} did not pass)"));
        }
        else
        {
            var window = string.Create(CultureInfo.InvariantCulture, $"valid {certificate!.NotBefore:yyyy-MM-dd}..{certificate.NotAfter:yyyy-MM-dd}");
            var at = verificationTime.UtcDateTime;
            checks.Add(at >= certificate.NotBefore && at <= certificate.NotAfter
                ? CheckOutcome.Pass(JpkiPossessionChecks.Validity, string.Create(CultureInfo.InvariantCulture, $"valid at {verificationTime:yyyy-MM-dd} ({window})"))
                : CheckOutcome.Fail(JpkiPossessionChecks.Validity, string.Create(CultureInfo.InvariantCulture, $"not valid at {verificationTime:yyyy-MM-dd} ({window})")));
            checks.Add(ChallengeCheck(certificate, evidence));
        }

        checks.Add(CheckOutcome.Skip(JpkiPossessionChecks.CardFace, evidence.Token.Kind == JpkiTokenKind.Phone
            ? "a phone carries no card face: no name, address or photo, no J-LIS card-face signatures to verify"
            : "not read: a JPKI authentication reads no card face"));
        return new JpkiPossessionResult
        {
            Carrier = evidence.Token.Kind,
            Checks = checks,
            VerificationTime = verificationTime,
            Anchor = anchor,
            CertificateSubject = certificate?.SubjectDN.ToString(),
            NotBefore = certificate is null ? null : new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = certificate is null ? null : new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
        };
    }

    private static CheckOutcome TokenCheck(JpkiTokenInfo token) => token.Kind switch
    {
        JpkiTokenKind.Phone => CheckOutcome.Pass(JpkiPossessionChecks.Token, $"token {token.Label}: a smartphone's JPKI"),
        JpkiTokenKind.PlasticCard => CheckOutcome.Pass(JpkiPossessionChecks.Token, $"token {token.Label}: a plastic My Number Card"),
        _ => CheckOutcome.Warn(JpkiPossessionChecks.Token, "token label not known to this reader: carrier not named (advisory; the chain and the challenge decide)"),
    };

    /// <summary>Null when the certificate chains to a usable held root (<paramref name="anchor"/> set); otherwise the FAIL.</summary>
    private CheckOutcome? ChainCheck(X509Certificate certificate, out TrustAnchor? anchor)
    {
        anchor = null;
        var all = Trust.TrustStore.JpkiRootsFor(TrustAnchorRole.JpkiAuthRoot).ToList();
        var authorityKeyId = X509Parsing.AuthorityKeyId(certificate);
        bool Names(JpkiRoot r) => r.Certificate.SubjectDN.Equivalent(certificate.IssuerDN)
            && (authorityKeyId is null || X509Parsing.IssuedBy(authorityKeyId, r.Certificate));
        var candidates = all.Where(Names).ToList();
        var usable = candidates.Where(r => Trust.AllowTestAnchors || !r.Anchor.IsTestAnchor).ToList();
        if (usable.Count == 0)
        {
            return CheckOutcome.Fail(JpkiPossessionChecks.Chain, candidates.Count > 0
                ? $"issued by the test root {candidates[0].Anchor.Describe()}: refused without AllowTestAnchors"
                : $"issued by a root this trust store does not hold (issuer {certificate.IssuerDN}): fail closed");
        }

        // The chain is judged inside the certificate's own window; whether it is valid now is the validity check.
        var inside = certificate.NotBefore;
        try
        {
            var parameters = new PkixParameters(new HashSet<PkixTrustAnchor>(usable.Select(r => new PkixTrustAnchor(r.Certificate, null))))
            {
                IsRevocationEnabled = false,
                Date = inside.AddSeconds(1) > certificate.NotAfter ? inside : inside.AddSeconds(1),
            };
            var validated = new PkixCertPathValidator().Validate(new PkixCertPath([certificate]), parameters);
            anchor = (usable.FirstOrDefault(r => r.Certificate.Equals(validated.TrustAnchor.TrustedCert)) ?? usable[0]).Anchor;
            return null;
        }
        catch (Exception ex) when (ex is PkixCertPathValidatorException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return CheckOutcome.Fail(JpkiPossessionChecks.Chain, $"does not verify under the held root {usable[0].Anchor.Describe()}: forged or altered ({ex.Message.ReplaceLineEndings(" ")})");
        }
    }

    private static CheckOutcome ChallengeCheck(X509Certificate certificate, JpkiAuthenticationEvidence evidence)
    {
        if (evidence.Nonce.Length < MinimumNonceLength)
        {
            return CheckOutcome.Fail(JpkiPossessionChecks.Challenge, $"the nonce is {evidence.Nonce.Length} bytes, fewer than {MinimumNonceLength}: no proof of freshness");
        }

        AsymmetricKeyParameter key;
        try
        {
            key = certificate.GetPublicKey();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Asn1Exception or IOException)
        {
            return CheckOutcome.Fail(JpkiPossessionChecks.Challenge, "the certificate's public key is unreadable");
        }

        if (key is not RsaKeyParameters)
        {
            return CheckOutcome.Fail(JpkiPossessionChecks.Challenge, $"the certificate's key is {key.GetType().Name}, not RSA: this reader verifies JPKI RSA-2048 signatures only");
        }

        var signer = new RsaDigestSigner(new Sha256Digest());
        signer.Init(false, key);
        signer.BlockUpdate(evidence.Nonce, 0, evidence.Nonce.Length);
        return signer.VerifySignature(evidence.Signature)
            ? CheckOutcome.Pass(JpkiPossessionChecks.Challenge, $"the carrier signed a fresh {evidence.Nonce.Length}-byte nonce with the certificate's key (RSA PKCS#1 v1.5, SHA-256)")
            : CheckOutcome.Fail(JpkiPossessionChecks.Challenge, "the signature over the nonce does not verify with the certificate's key: the carrier does not hold it (a replayed certificate)");
    }
}
