namespace ReaderKit.Host.Reader;

/// <summary>A staff member's decision on the staff-assisted path.</summary>
/// <param name="OperatorId">Who decided (recorded in the journal).</param>
/// <param name="Confirmed">True when the person in front of them is the person in the verified chip photo.</param>
public sealed record StaffDecision(string OperatorId, bool Confirmed);
