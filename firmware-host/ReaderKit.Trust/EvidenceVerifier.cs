using System.Security.Cryptography;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.X509;
using ReaderKit.Card;
using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>
/// The one implementation of the offline checks over raw EF bytes. The live path (<see cref="CardVerifier"/>)
/// and the dump path (<c>readerkit verify-dump</c>) both call it. Each method appends its outcomes to the
/// result and fills data fields only once their signature verified; malformed input becomes a Fail outcome,
/// never an exception.
/// </summary>
public sealed class EvidenceVerifier
{
    public EvidenceVerifier(TrustStore trustStore)
    {
        TrustStore = trustStore ?? throw new ArgumentNullException(nameof(trustStore));
    }

    public TrustStore TrustStore { get; }

    /// <summary>All offline checks over a complete set of dumps (the dump path). Live-only checks are reported as Skip.</summary>
    public EvidenceResult VerifyAll(CardEvidence evidence, EvidenceContext context)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var result = new EvidenceResult();
        VerifySurface(evidence, context, result);
        result.Add(CheckOutcome.Skip(CheckNames.SurfaceCardPresence, "needs the physical card (challenge-response); not possible from dumps"));
        VerifyText(evidence, context, result);
        if (evidence.TextCardKey is not null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.TextCardPresence, "needs the physical card (challenge-response); not possible from dumps"));
        }

        VerifyJpki(evidence, context, result);
        VerifyCommon(evidence, result);
        return result;
    }

    /// <summary>Surface AP: CVC, DF28 over the three groups, unsigned expiry cross-checks, AP info, age record.</summary>
    public void VerifySurface(CardEvidence evidence, EvidenceContext context, EvidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        var issuerKey = CheckCvc(evidence.SurfaceCertificate, CheckNames.SurfaceCvc, "surface", result);

        if (evidence.SurfaceApInfo is { } info)
        {
            try
            {
                result.MunicipalityCode = new Unsigned<string>(SurfaceApInfo.Parse(info).MunicipalityCode, "surface EF 0003 DF34");
            }
            catch (CardDataFormatException)
            {
                // Unsigned and informational; a malformed EF 0003 leaves the code unknown.
            }
        }

        CardFaceFile? face = null;
        if (evidence.SurfaceCardFace is null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.SurfaceCardFace, "card face EF 0002 not read"));
        }
        else
        {
            try
            {
                face = CardFaceFile.Parse(evidence.SurfaceCardFace);
            }
            catch (CardDataFormatException ex)
            {
                result.Add(CheckOutcome.Fail(CheckNames.SurfaceCardFace, $"malformed card face: {ex.Message}"));
            }
        }

        if (face is not null)
        {
            if (issuerKey is null)
            {
                result.Add(CheckOutcome.Skip(CheckNames.SurfaceCardFace, evidence.SurfaceCertificate is null ? "no surface CVC (EF 0004) to take the issuer key from" : $"not checked: {CheckNames.SurfaceCvc} failed"));
            }
            else
            {
                CheckCardFace(face, issuerKey, result);
            }

            CheckExpiry(face, context, result);
        }

        if (evidence.SurfaceAgeRecord is { } age)
        {
            CheckAgeRecord(age, issuerKey, result);
        }
    }

    /// <summary>Text AP: CVC, DF33 over DF31‖DF32, DF32 digest of EF 0002, DF31 (My Number purpose only), EF 0007.</summary>
    public void VerifyText(CardEvidence evidence, EvidenceContext context, EvidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        if (evidence.TextCertificate is null && evidence.TextIntegrity is null && evidence.TextAttributes is null)
        {
            return;
        }

        var issuerKey = CheckCvc(evidence.TextCertificate, CheckNames.TextCvc, "text", result);
        TextIntegrityFile? integrity = null;
        var integrityTrusted = false;
        if (evidence.TextIntegrity is null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.TextIntegritySignature, "integrity record EF 0003 not read"));
        }
        else
        {
            try
            {
                integrity = TextIntegrityFile.Parse(evidence.TextIntegrity);
                if (issuerKey is null)
                {
                    result.Add(CheckOutcome.Skip(CheckNames.TextIntegritySignature, evidence.TextCertificate is null ? "no text CVC (EF 0004) to take the issuer key from" : $"not checked: {CheckNames.TextCvc} failed"));
                }
                else if (integrity.AttributesDigest.Length != issuerKey.DigestLength)
                {
                    result.Add(CheckOutcome.Fail(CheckNames.TextIntegritySignature, $"digests are {integrity.AttributesDigest.Length} bytes but the issuer key uses {issuerKey.SchemeName}"));
                }
                else if (issuerKey.Verify(integrity.SignedBytes, integrity.Signature))
                {
                    integrityTrusted = true;
                    result.Add(CheckOutcome.Pass(CheckNames.TextIntegritySignature, $"DF33 verifies over DF31‖DF32 ({issuerKey.SchemeName})"));
                }
                else
                {
                    result.Add(CheckOutcome.Fail(CheckNames.TextIntegritySignature, "DF33 does not verify over DF31‖DF32 with the CVC key: the integrity record was altered or signed by someone else"));
                }
            }
            catch (CardDataFormatException ex)
            {
                result.Add(CheckOutcome.Fail(CheckNames.TextIntegritySignature, $"malformed integrity record: {ex.Message}"));
            }
        }

        CheckAttributes(evidence.TextAttributes, integrity, integrityTrusted, issuerKey, result);
        CheckMyNumber(evidence.TextMyNumberFile, integrity, integrityTrusted, issuerKey, context, result);
        if (evidence.TextCardKey is { } cardKey)
        {
            CheckTextCardKey(cardKey, issuerKey, result);
        }

        if (result.TextAttributes is { } text && result.CardFace is { } faceData)
        {
            result.Add(text.BirthDate == faceData.BirthDate && text.Sex == faceData.Sex
                ? CheckOutcome.Pass(CheckNames.TextMatchesSurface, "text AP birth date and sex equal the signed card face")
                : CheckOutcome.Fail(CheckNames.TextMatchesSurface, "text AP birth date or sex differs from the signed card face: the two APs come from different cards"));
        }
    }

    /// <summary>JPKI user-authentication certificate: PKIX path to a trusted JPKI root at the verification time (no revocation offline).</summary>
    public void VerifyJpki(CardEvidence evidence, EvidenceContext context, EvidenceResult result)
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

        var parser = new X509CertificateParser();
        X509Certificate certificate;
        try
        {
            certificate = parser.ReadCertificate(evidence.JpkiAuthCertificate) ?? throw new IOException("empty");
        }
        catch (Exception ex) when (ex is IOException or Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            result.Add(CheckOutcome.Fail(CheckNames.JpkiAuthCertificatePath, $"malformed user-authentication certificate: {ex.Message}"));
            return;
        }

        var chain = new List<X509Certificate> { certificate };
        if (evidence.JpkiAuthCaCertificate is { } caBytes)
        {
            try
            {
                var ca = parser.ReadCertificate(caBytes) ?? throw new IOException("empty");
                var trusted = TrustStore.JpkiRoots.FirstOrDefault(r => r.Certificate.Equals(ca));
                if (trusted is null)
                {
                    result.Add(CheckOutcome.Fail(CheckNames.JpkiAuthCaKnown, $"the card's CA certificate ({ca.SubjectDN}, serial {ca.SerialNumber.ToString(16)}) is not one of the trusted JPKI roots"));
                    chain.Add(ca);
                }
                else
                {
                    result.Add(CheckOutcome.Pass(CheckNames.JpkiAuthCaKnown, $"the card's CA certificate is the trusted root ({trusted.Source})"));
                }
            }
            catch (Exception ex) when (ex is IOException or Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception)
            {
                result.Add(CheckOutcome.Fail(CheckNames.JpkiAuthCaKnown, $"malformed CA certificate: {ex.Message}"));
            }
        }

        if (TrustStore.JpkiRoots.Count == 0)
        {
            result.Add(CheckOutcome.Fail(CheckNames.JpkiAuthCertificatePath, "no JPKI roots in the trust store (fail closed)"));
            return;
        }

        // Chain and signatures are judged inside the certificate's own validity window; whether it is still valid at
        // the verification time is a separate check, so an expired certificate on a genuine card reads as "expired",
        // not as "forged".
        var at = context.VerificationTime.UtcDateTime;
        var inside = at < certificate.NotBefore ? certificate.NotBefore : at > certificate.NotAfter ? certificate.NotAfter : at;
        if (Validate(chain, inside) is { } pathError)
        {
            result.Add(CheckOutcome.Fail(CheckNames.JpkiAuthCertificatePath, $"does not chain to a trusted JPKI root: {pathError}"));
            result.Add(CheckOutcome.Skip(CheckNames.JpkiAuthCertificateValidity, $"not checked: {CheckNames.JpkiAuthCertificatePath} failed"));
            return;
        }

        result.JpkiAuthSubject = certificate.SubjectDN.ToString();
        result.Add(CheckOutcome.Pass(CheckNames.JpkiAuthCertificatePath, "chains to a trusted JPKI root (PKIX; revocation is not checkable offline)"));
        result.Add(Validate(chain, at) is { } validityError
            ? CheckOutcome.Fail(CheckNames.JpkiAuthCertificateValidity, $"PKIX validation at {context.VerificationTime:yyyy-MM-dd} fails: {validityError} (valid {certificate.NotBefore:yyyy-MM-dd}..{certificate.NotAfter:yyyy-MM-dd})")
            : CheckOutcome.Pass(CheckNames.JpkiAuthCertificateValidity, $"PKIX-valid at {context.VerificationTime:yyyy-MM-dd} (valid {certificate.NotBefore:yyyy-MM-dd}..{certificate.NotAfter:yyyy-MM-dd})"));
    }

    /// <summary>BouncyCastle PKIX path validation against the trust store's JPKI roots at <paramref name="at"/>; null when valid.</summary>
    private string? Validate(IList<X509Certificate> chain, DateTime at)
    {
        try
        {
            var anchors = new HashSet<TrustAnchor>(TrustStore.JpkiRoots.Select(r => new TrustAnchor(r.Certificate, null)));
            var parameters = new PkixParameters(anchors)
            {
                IsRevocationEnabled = false,
                Date = at,
            };
            new PkixCertPathValidator().Validate(new PkixCertPath(chain), parameters);
            return null;
        }
        catch (PkixCertPathValidatorException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return ex.Message;
        }
    }

    /// <summary>Common AP record: unsigned municipality code and expiry compared with the surface AP.</summary>
    public static void VerifyCommon(CardEvidence evidence, EvidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(result);
        if (evidence.CommonRecord is null)
        {
            return;
        }

        CommonCardRecord record;
        try
        {
            record = CommonCardRecord.Parse(evidence.CommonRecord);
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.CommonCrossCheck, $"malformed common AP record: {ex.Message}"));
            return;
        }

        result.CommonRecord = record;
        var problems = new List<string>();
        if (result.MunicipalityCode is { } code && code.Value != record.MunicipalityCode)
        {
            problems.Add("municipality code differs from surface EF 0003");
        }

        if (result.Expiry is { } expiry && expiry.Value != record.Expiry)
        {
            problems.Add("expiry differs from surface DF29");
        }

        if (result.Expiry is null && result.MunicipalityCode is null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.CommonCrossCheck, "nothing from the surface AP to compare with"));
            return;
        }

        result.Add(problems.Count == 0
            ? CheckOutcome.Pass(CheckNames.CommonCrossCheck, "serial/municipality/expiry record agrees with the surface AP (all unsigned)")
            : CheckOutcome.Fail(CheckNames.CommonCrossCheck, string.Join("; ", problems) + " (unsigned values)"));
    }

    private CardPublicKey? CheckCvc(byte[]? cvcBytes, string name, string ap, EvidenceResult result)
    {
        if (cvcBytes is null)
        {
            result.Add(CheckOutcome.Skip(name, $"{ap} CVC (EF 0004) not read"));
            return null;
        }

        CardVerifiableCertificate cvc;
        try
        {
            cvc = CardVerifiableCertificate.Parse(cvcBytes);
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(name, $"malformed: {ex.Message}"));
            return null;
        }

        var issuer = TrustStore.FindIssuerKey(cvc.IssuerKeyId);
        var issuerName = CardVerifiableCertificate.DescribeKeyId(cvc.IssuerKeyId);
        if (issuer is null)
        {
            result.Add(CheckOutcome.Fail(name, $"unknown issuer key id {issuerName}: not in the trust store (fail closed)"));
            return null;
        }

        if (!issuer.PublicKey.Verify(cvc.Body, cvc.Signature))
        {
            result.Add(CheckOutcome.Fail(name, $"CVC signature does not verify with issuer key {issuerName} ({issuer.Source}): body or signature altered, or wrong issuer key id"));
            return null;
        }

        result.Add(CheckOutcome.Pass(name, $"CVC for subject key {CardVerifiableCertificate.DescribeKeyId(cvc.SubjectKeyId)} signed by {issuerName} ({issuer.PublicKey.SchemeName})"));
        return cvc.SubjectPublicKey;
    }

    private static void CheckCardFace(CardFaceFile face, CardPublicKey issuerKey, EvidenceResult result)
    {
        byte[] digests = [.. issuerKey.Digest(face.Group1), .. issuerKey.Digest(face.Group2), .. issuerKey.Digest(face.Group3)];
        var verdict = issuerKey.VerifyCardFace(digests, face.Signature);
        if (!verdict.Valid)
        {
            var groups = verdict.MismatchedGroups.Select(g => g switch
            {
                1 => "group 1 (DF22 birth date, DF23 sex, DF24 card key)",
                2 => "group 2 (DF25 name image, DF26 address image)",
                _ => "group 3 (DF27 photo)",
            }).ToList();
            result.Add(CheckOutcome.Fail(CheckNames.SurfaceCardFace, groups.Count > 0
                ? $"DF28 does not cover this data: {string.Join(" and ", groups)} differ from what was signed"
                : "DF28 does not verify with the CVC key: the signature or the signed data was altered"));
            return;
        }

        CardFace interpreted;
        try
        {
            interpreted = face.Interpret();
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.SurfaceCardFace, $"signed, but a field is malformed: {ex.Message}"));
            return;
        }

        result.CardFace = interpreted;
        result.Add(CheckOutcome.Pass(CheckNames.SurfaceCardFace, $"DF28 verifies over the three group digests ({issuerKey.SchemeName})"));
        try
        {
            result.SurfaceChipKey = CardPublicKey.Parse(interpreted.CardKeyField);
        }
        catch (CardDataFormatException)
        {
            // Reported by the card-presence check, which has nothing to verify against.
        }
    }

    private static void CheckExpiry(CardFaceFile face, EvidenceContext context, EvidenceResult result)
    {
        DateOnly? expiry;
        try
        {
            expiry = face.UnsignedExpiry;
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.CardNotExpired, $"DF29 expiry malformed: {ex.Message}"));
            return;
        }

        if (expiry is not { } date)
        {
            result.Add(CheckOutcome.Skip(CheckNames.CardNotExpired, "no DF29 expiry in the card face"));
            return;
        }

        result.Expiry = new Unsigned<DateOnly>(date, "surface EF 0002 DF29 (outside DF28)");
        var today = DateOnly.FromDateTime(context.VerificationTime.UtcDateTime);
        result.Add(date >= today
            ? CheckOutcome.Pass(CheckNames.CardNotExpired, $"valid until {date:yyyy-MM-dd} (DF29, unsigned)")
            : CheckOutcome.Fail(CheckNames.CardNotExpired, $"card expired on {date:yyyy-MM-dd} (DF29, unsigned)"));

        if (context.VerificationNumberExpiryYear is { } year)
        {
            result.Add(year == date.Year
                ? CheckOutcome.Pass(CheckNames.SurfaceExpiryMatchesVerificationNumber, "DF29 expiry year equals the one in the 照合番号B the card accepted")
                : CheckOutcome.Fail(CheckNames.SurfaceExpiryMatchesVerificationNumber, "DF29 expiry year differs from the one in the 照合番号B the card accepted: DF29 was altered"));
        }
        else
        {
            result.Add(CheckOutcome.Skip(CheckNames.SurfaceExpiryMatchesVerificationNumber, "no 照合番号B (dump)"));
        }
    }

    private static void CheckAgeRecord(byte[] bytes, CardPublicKey? issuerKey, EvidenceResult result)
    {
        try
        {
            var record = SignedKeyRecord.ParseAgeRecord(bytes);
            if (issuerKey is null)
            {
                result.Add(CheckOutcome.Skip(CheckNames.SurfaceAgeRecord, "no trusted surface issuer key"));
            }
            else if (!issuerKey.Verify(record.SignedBytes, record.Signature))
            {
                result.Add(CheckOutcome.Fail(CheckNames.SurfaceAgeRecord, "DF13 does not verify over DF11‖DF12 with the CVC key"));
            }
            else
            {
                var dob = record.InterpretBirthDate();
                result.AgeRecordBirthDate = dob;
                result.Add(result.CardFace is { } face && face.BirthDate != dob
                    ? CheckOutcome.Fail(CheckNames.SurfaceAgeRecord, "signed, but its birth date differs from the card face")
                    : CheckOutcome.Pass(CheckNames.SurfaceAgeRecord, "DF13 verifies over DF11‖DF12"));
            }
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.SurfaceAgeRecord, $"malformed age record: {ex.Message}"));
        }
    }

    private static void CheckAttributes(byte[]? bytes, TextIntegrityFile? integrity, bool integrityTrusted, CardPublicKey? issuerKey, EvidenceResult result)
    {
        if (bytes is null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.TextAttributesDigest, "attributes EF 0002 not read"));
            return;
        }

        TextAttributesFile file;
        try
        {
            file = TextAttributesFile.Parse(bytes);
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.TextAttributesDigest, $"malformed attributes: {ex.Message}"));
            return;
        }

        if (integrity is null || issuerKey is null || !integrityTrusted)
        {
            result.Add(CheckOutcome.Skip(CheckNames.TextAttributesDigest, "no verified integrity record (EF 0003 with a trusted DF33) to compare with"));
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(issuerKey.Digest(file.DigestSource), integrity.AttributesDigest))
        {
            result.Add(CheckOutcome.Fail(CheckNames.TextAttributesDigest, "EF 0002 does not match the signed DF32 digest: name, address, birth date or sex was altered"));
            return;
        }

        try
        {
            result.TextAttributes = file.Interpret();
            result.Add(CheckOutcome.Pass(CheckNames.TextAttributesDigest, "EF 0002 matches the signed DF32 digest"));
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.TextAttributesDigest, $"signed, but a field is malformed: {ex.Message}"));
        }
    }

    private static void CheckMyNumber(byte[]? bytes, TextIntegrityFile? integrity, bool integrityTrusted, CardPublicKey? issuerKey, EvidenceContext context, EvidenceResult result)
    {
        if (context.MyNumberPurpose is null || bytes is null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.TextMyNumberDigest, context.MyNumberPurpose is null ? "no My Number purpose configured: EF 0001 is not read" : "EF 0001 not read"));
            return;
        }

        if (integrity is null || issuerKey is null || !integrityTrusted)
        {
            result.Add(CheckOutcome.Skip(CheckNames.TextMyNumberDigest, "no verified integrity record to compare with"));
            return;
        }

        if (!CryptographicOperations.FixedTimeEquals(issuerKey.Digest(bytes), integrity.MyNumberDigest))
        {
            result.Add(CheckOutcome.Fail(CheckNames.TextMyNumberDigest, "EF 0001 does not match the signed DF31 digest"));
            return;
        }

        try
        {
            result.MyNumberDigits = MyNumberFile.ParseDigits(bytes);
            result.Add(CheckOutcome.Pass(CheckNames.TextMyNumberDigest, $"EF 0001 matches the signed DF31 digest (purpose: {context.MyNumberPurpose})"));
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.TextMyNumberDigest, $"signed, but malformed: {ex.Message}"));
        }
    }

    private static void CheckTextCardKey(byte[] bytes, CardPublicKey? issuerKey, EvidenceResult result)
    {
        try
        {
            var record = SignedKeyRecord.ParseTextCardKey(bytes);
            if (issuerKey is null)
            {
                result.Add(CheckOutcome.Skip(CheckNames.TextCardKey, "no trusted text issuer key"));
            }
            else if (!issuerKey.Verify(record.SignedBytes, record.Signature))
            {
                result.Add(CheckOutcome.Fail(CheckNames.TextCardKey, "DF52 does not verify over DF51 with the CVC key"));
            }
            else
            {
                result.TextChipKey = CardPublicKey.Parse(record.KeyField);
                result.Add(CheckOutcome.Pass(CheckNames.TextCardKey, "EF 0007 card key is signed by the text AP issuer key"));
            }
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.TextCardKey, $"malformed EF 0007: {ex.Message}"));
        }
    }
}
