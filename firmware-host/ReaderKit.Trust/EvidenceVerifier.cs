namespace ReaderKit.Trust;

/// <summary>
/// Every offline check over a set of EF dumps, in card order: <see cref="SurfaceVerifier"/>, <see cref="TextVerifier"/>,
/// <see cref="JpkiVerifier"/>, <see cref="CommonVerifier"/> — the same code the live path runs. What needs the physical
/// card (the chip challenges) is reported as SKIP. Used by <c>readerkit verify-dump</c>.
/// </summary>
public sealed class EvidenceVerifier
{
    public EvidenceVerifier(TrustOptions trust)
    {
        Trust = trust ?? throw new ArgumentNullException(nameof(trust));
    }

    public TrustOptions Trust { get; }

    public EvidenceResult VerifyAll(CardEvidence evidence, EvidenceContext context)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(context);
        var result = new EvidenceResult();
        new SurfaceVerifier(Trust).Verify(evidence, context, result);
        result.Add(CheckOutcome.Skip(CheckNames.SurfaceCardPresence, "needs the physical card (challenge-response); not possible from dumps"));
        new TextVerifier(Trust).Verify(evidence, context, result);
        if (evidence.TextCardKey is not null)
        {
            result.Add(CheckOutcome.Skip(CheckNames.TextCardPresence, "needs the physical card (challenge-response); not possible from dumps"));
        }

        TextVerifier.CheckChipBinding(result);
        new JpkiVerifier(Trust).Verify(evidence, context, result);
        new CommonVerifier().Verify(evidence, result);
        return result;
    }
}
