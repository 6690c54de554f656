using ReaderKit.Card;
using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>
/// Checks the common AP (共通カードAP) record against the surface AP. Nothing in the common AP is signed, so this
/// cross-check can WARN but never veto genuineness or validity. Pure: no I/O.
/// </summary>
public sealed class CommonVerifier
{
    /// <summary>Appends <c>common.cross-check</c> (PASS, WARN or SKIP) when a record was read.</summary>
    public void Verify(CardEvidence evidence, EvidenceResult result)
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
            result.Add(CheckOutcome.Warn(CheckNames.CommonCrossCheck, $"malformed common AP record (unsigned, advisory): {ex.Message}"));
            return;
        }

        result.CommonRecord = record;
        if (result.Expiry is null && result.MunicipalityCode is null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.CommonCrossCheck, "nothing from the surface AP to compare with"));
            return;
        }

        var problems = new List<string>();
        if (result.MunicipalityCode is { } code && code.Value != record.MunicipalityCode)
        {
            problems.Add("municipality code differs from surface EF 0003");
        }

        if (result.Expiry is { } expiry && expiry.Value != record.Expiry)
        {
            problems.Add("expiry differs from surface DF29");
        }

        result.Add(problems.Count == 0
            ? CheckOutcome.Pass(CheckNames.CommonCrossCheck, "serial/municipality/expiry record agrees with the surface AP (all unsigned)")
            : CheckOutcome.Warn(CheckNames.CommonCrossCheck, string.Join("; ", problems) + " (unsigned values: advisory)"));
    }
}
