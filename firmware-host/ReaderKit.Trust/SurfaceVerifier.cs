using ReaderKit.Card;
using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>
/// Checks the bytes of the surface AP (券面事項確認AP): the EF 0004 CVC against a <see cref="TrustAnchorRole.SurfaceApCvcIssuer"/>
/// anchor, DF28 over the three group digests of EF 0002, the unsigned DF29 expiry (and its year against the 照合番号B the
/// card accepted), the EF 0003 municipality code and the EF 0001 age record. Pure: no I/O; malformed input becomes a FAIL
/// outcome, never an exception. The chip challenge is the card-touching layer's job (<see cref="CardInspector"/>).
/// </summary>
public sealed class SurfaceVerifier
{
    public SurfaceVerifier(TrustOptions trust)
    {
        Trust = trust ?? throw new ArgumentNullException(nameof(trust));
    }

    public TrustOptions Trust { get; }

    /// <summary>Appends <c>surface.cvc</c>, <c>surface.card-face-signature</c>, <c>card.not-expired</c>, <c>surface.expiry-vs-verification-number</c> and (when read) <c>surface.age-record-signature</c>.</summary>
    public void Verify(CardEvidence evidence, EvidenceContext context, EvidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        var (issuerKey, anchor) = CvcIssuerCheck.Check(evidence.SurfaceCertificate, CheckNames.SurfaceCvc, "surface", TrustAnchorRole.SurfaceApCvcIssuer, Trust, result);
        result.SurfaceAnchor = anchor;

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
            // Reported by the card-presence check, which then has nothing to verify against.
        }
    }

    /// <summary>
    /// DF29 is outside DF28, so validity is fail-closed: a missing or malformed DF29 FAILs <c>card.not-expired</c>. When the
    /// 照合番号B year (confirmed by the chip) differs from DF29, the cross-check WARNs and validity is judged on that year
    /// alone: before this year → expired, after → valid, this year → cannot be established (FAIL).
    /// </summary>
    private static void CheckExpiry(CardFaceFile face, EvidenceContext context, EvidenceResult result)
    {
        DateOnly? expiry;
        try
        {
            expiry = face.UnsignedExpiry;
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.CardNotExpired, $"DF29 expiry malformed: {ex.Message}; validity not established (fail closed)"));
            result.Add(CheckOutcome.Skip(CheckNames.SurfaceExpiryMatchesVerificationNumber, "no readable DF29 expiry"));
            return;
        }

        if (expiry is not { } date)
        {
            result.Add(CheckOutcome.Fail(CheckNames.CardNotExpired, "no DF29 expiry in the card face: validity not established (fail closed)"));
            result.Add(CheckOutcome.Skip(CheckNames.SurfaceExpiryMatchesVerificationNumber, "no DF29 expiry"));
            return;
        }

        result.Expiry = new Unsigned<DateOnly>(date, "surface EF 0002 DF29 (outside DF28)");
        var today = DateOnly.FromDateTime(context.VerificationTime.UtcDateTime);
        if (context.VerificationNumberExpiryYear is not { } year)
        {
            result.Add(CheckOutcome.Skip(CheckNames.SurfaceExpiryMatchesVerificationNumber, "no 照合番号B (dump)"));
        }
        else if (year == date.Year)
        {
            result.Add(CheckOutcome.Pass(CheckNames.SurfaceExpiryMatchesVerificationNumber, "DF29 expiry year equals the one in the 照合番号B the card accepted"));
        }
        else
        {
            result.Add(CheckOutcome.Warn(CheckNames.SurfaceExpiryMatchesVerificationNumber, $"DF29 expiry year {date.Year} differs from the year in the 照合番号B the card accepted ({year}): DF29 is unreliable, validity is judged on {year}"));
            result.Add(year < today.Year
                ? CheckOutcome.Fail(CheckNames.CardNotExpired, $"card expired in {year} (year confirmed by the chip's 照合番号B; DF29 disagrees)")
                : year > today.Year
                    ? CheckOutcome.Pass(CheckNames.CardNotExpired, $"valid into {year} (year confirmed by the chip's 照合番号B; DF29 disagrees)")
                    : CheckOutcome.Fail(CheckNames.CardNotExpired, $"expires during {year} and DF29 disagrees with the 照合番号B year: validity not established (fail closed)"));
            return;
        }

        result.Add(date >= today
            ? CheckOutcome.Pass(CheckNames.CardNotExpired, $"valid until {date:yyyy-MM-dd} (DF29, unsigned)")
            : CheckOutcome.Fail(CheckNames.CardNotExpired, $"card expired on {date:yyyy-MM-dd} (DF29, unsigned)"));
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
}
