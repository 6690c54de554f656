namespace ReaderKit.Trust;

/// <summary>When one step of a card inspection started (from the start of the inspection) and how long it took.</summary>
public sealed record StepTiming(CardInspectionStep Step, TimeSpan Offset, TimeSpan Duration);
