using System.Security.Cryptography;
using ReaderKit.Card;
using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>
/// Checks the bytes of the text AP (券面事項入力補助AP): the EF 0004 CVC against a <see cref="TrustAnchorRole.TextApCvcIssuer"/>
/// anchor, DF33 over DF31‖DF32, the DF32 digest of EF 0002, DF31 (My Number purpose only), the EF 0007 card key, and whether
/// the text facts match the signed card face. <see cref="CheckChipBinding"/> then decides whether the signed attributes are
/// bound to the chip (after the text challenge, when there is one). Pure: no I/O.
/// </summary>
public sealed class TextVerifier
{
    public TextVerifier(TrustOptions trust)
    {
        Trust = trust ?? throw new ArgumentNullException(nameof(trust));
    }

    public TrustOptions Trust { get; }

    /// <summary>Appends the text checks (nothing when no text EF was read). Uses <see cref="EvidenceResult.CardFace"/> when the surface AP ran first.</summary>
    public void Verify(CardEvidence evidence, EvidenceContext context, EvidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        if (evidence.TextCertificate is null && evidence.TextIntegrity is null && evidence.TextAttributes is null)
        {
            return;
        }

        var (issuerKey, anchor) = CvcIssuerCheck.Check(evidence.TextCertificate, CheckNames.TextCvc, "text", TrustAnchorRole.TextApCvcIssuer, Trust, result);
        result.TextAnchor = anchor;
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

        var trusted = integrityTrusted ? integrity : null;
        CheckAttributes(evidence.TextAttributes, trusted, issuerKey, result);
        CheckMyNumber(evidence.TextMyNumberFile, trusted, issuerKey, context, result);
        if (evidence.TextCardKey is { } cardKey)
        {
            CheckTextCardKey(cardKey, issuerKey, result);
        }

        if (result.SignedTextAttributes is { } text && result.CardFace is { } faceData)
        {
            result.Add(text.BirthDate == faceData.BirthDate && text.Sex == faceData.Sex
                ? CheckOutcome.Pass(CheckNames.TextMatchesSurface, "text AP birth date and sex equal the signed card face")
                : CheckOutcome.Fail(CheckNames.TextMatchesSurface, "text AP birth date or sex differs from the signed card face: the two APs come from different cards"));
        }
    }

    /// <summary>
    /// Decides <c>text.bound-to-chip</c> once the text challenge (if any) has run: PASS when <c>text.card-presence</c> passed,
    /// or when EF 0007 DF51 is the surface DF24 chip key and <c>surface.card-presence</c> did not fail; otherwise WARN — the
    /// attributes stay in <see cref="EvidenceResult.UnboundTextAttributes"/>, never in <see cref="EvidenceResult.TextAttributes"/>.
    /// </summary>
    public static void CheckChipBinding(EvidenceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.SignedTextAttributes is null)
        {
            result.TextBinding = TextBinding.NotRead;
            return;
        }

        var textPresence = result.StatusOf(CheckNames.TextCardPresence);
        var surfacePresence = result.StatusOf(CheckNames.SurfaceCardPresence);
        if (textPresence == CheckStatus.Pass)
        {
            result.TextBinding = TextBinding.OwnChallenge;
            result.Add(CheckOutcome.Pass(CheckNames.TextBoundToChip, "the text AP's own key (EF 0007 DF51) signed a fresh challenge"));
            return;
        }

        var sameKey = result.TextChipKey is { } t && result.SurfaceChipKey is { } s && t.Encode().AsSpan().SequenceEqual(s.Encode());
        if (sameKey && surfacePresence != CheckStatus.Fail && textPresence != CheckStatus.Fail)
        {
            result.TextBinding = TextBinding.SurfaceChipKey;
            result.Add(CheckOutcome.Pass(CheckNames.TextBoundToChip, surfacePresence == CheckStatus.Pass
                ? "EF 0007 DF51 is the surface DF24 chip key, which signed a fresh challenge"
                : "EF 0007 DF51 is the surface DF24 chip key (chip presence not proven: no challenge)"));
            return;
        }

        result.TextBinding = TextBinding.Unbound;
        var why = textPresence switch
        {
            CheckStatus.Fail => "the text AP's own chip challenge failed",
            _ when result.TextChipKey is null => "no verified text card key (EF 0007) to challenge",
            _ when sameKey => "the surface chip challenge failed",
            _ => "its chip challenge was not run and its key differs from the surface chip key",
        };
        result.Add(CheckOutcome.Warn(CheckNames.TextBoundToChip, $"text attributes are signed but UNBOUND to this chip: {why}; they are reported as unbound, not verified"));
    }

    private static void CheckAttributes(byte[]? bytes, TextIntegrityFile? integrity, CardPublicKey? issuerKey, EvidenceResult result)
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

        if (integrity is null || issuerKey is null)
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
            result.SignedTextAttributes = file.Interpret();
            result.Add(CheckOutcome.Pass(CheckNames.TextAttributesDigest, "EF 0002 matches the signed DF32 digest"));
        }
        catch (CardDataFormatException ex)
        {
            result.Add(CheckOutcome.Fail(CheckNames.TextAttributesDigest, $"signed, but a field is malformed: {ex.Message}"));
        }
    }

    private static void CheckMyNumber(byte[]? bytes, TextIntegrityFile? integrity, CardPublicKey? issuerKey, EvidenceContext context, EvidenceResult result)
    {
        if (context.MyNumberPurpose is null || bytes is null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.TextMyNumberDigest, context.MyNumberPurpose is null ? "no My Number purpose configured: EF 0001 is not read" : "EF 0001 not read"));
            return;
        }

        if (integrity is null || issuerKey is null)
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
