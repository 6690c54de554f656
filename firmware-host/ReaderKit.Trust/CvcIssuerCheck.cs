using ReaderKit.Card;

namespace ReaderKit.Trust;

/// <summary>
/// The CVC step both 券面 applications share: parse EF 0004, resolve its 証明者鍵ID to an anchor, and accept it only when the
/// anchor holds this application's role and is not a refused test anchor — then verify the signature. Order: known key id,
/// role, test policy, signature (a refused anchor is never used for crypto).
/// </summary>
internal static class CvcIssuerCheck
{
    /// <summary>Appends the outcome under <paramref name="checkName"/>; returns the certified AP issuer key and its anchor on PASS.</summary>
    public static (CardPublicKey? IssuerKey, TrustAnchor? Anchor) Check(byte[]? cvcBytes, string checkName, string application, TrustAnchorRole requiredRole, TrustOptions trust, EvidenceResult result)
    {
        if (cvcBytes is null)
        {
            result.Add(CheckOutcome.Skip(checkName, $"{application} CVC (EF 0004) not read"));
            return (null, null);
        }

        CardVerifiableCertificate cvc;
        try
        {
            cvc = CardVerifiableCertificate.Parse(cvcBytes);
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(checkName, $"malformed: {ex.Message}"));
            return (null, null);
        }

        var issuerName = CardVerifiableCertificate.DescribeKeyId(cvc.IssuerKeyId);
        var issuer = trust.TrustStore.FindIssuerKey(cvc.IssuerKeyId);
        if (issuer is null)
        {
            result.Add(CheckOutcome.Fail(checkName, $"unknown issuer key id {issuerName}: not in the trust store (fail closed)"));
            return (null, null);
        }

        var anchor = issuer.Anchor;
        if (anchor.Role != requiredRole)
        {
            result.Add(CheckOutcome.Fail(checkName, $"issuer key {anchor.Describe()} may not certify {application}-AP keys: a {application} CVC may only chain to a {TrustAnchor.RoleName(requiredRole)} key (trust is scoped per card application)"));
            return (null, null);
        }

        if (anchor.IsTestAnchor && !trust.AllowTestAnchors)
        {
            result.Add(CheckOutcome.Fail(checkName, $"issuer key {anchor.Describe()} is a test-hierarchy anchor: refused without AllowTestAnchors (--allow-test-anchors); a test card is not a person's card"));
            return (null, null);
        }

        if (!issuer.PublicKey.Verify(cvc.Body, cvc.Signature))
        {
            result.Add(CheckOutcome.Fail(checkName, $"CVC signature does not verify with issuer key {anchor.Describe()}: body or signature altered, or a wrong issuer key id"));
            return (null, null);
        }

        result.Add(CheckOutcome.Pass(checkName, $"CVC for subject key {CardVerifiableCertificate.DescribeKeyId(cvc.SubjectKeyId)} signed by {anchor.Describe()} ({issuer.PublicKey.SchemeName})"));
        return (cvc.SubjectPublicKey, anchor);
    }
}
