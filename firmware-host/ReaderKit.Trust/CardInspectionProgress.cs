using ReaderKit.Card.Records;

namespace ReaderKit.Trust;

/// <summary>One completed step of a card inspection, as reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Step">The step that completed.</param>
/// <param name="Duration">How long the step took.</param>
/// <param name="Elapsed">Time since the inspection started, at the end of the step.</param>
/// <param name="Checks">The check outcomes this step added (empty for pure reads).</param>
public sealed record CardInspectionProgress(CardInspectionStep Step, TimeSpan Duration, TimeSpan Elapsed, IReadOnlyList<CheckOutcome> Checks)
{
    /// <summary>
    /// Only on <see cref="CardInspectionStep.SignaturesChecked"/>: the card face when DF28 verified under a trusted CVC
    /// (so a caller can start work on the chip photo before the chip challenge and the other applications); otherwise null.
    /// Genuineness is decided only by the final <see cref="VerifiedCard"/>.
    /// </summary>
    public CardFace? VerifiedCardFace { get; init; }
}
