namespace ReaderKit.Protocol.Messages;

/// <summary>The face part of a result: <c>{decision, score?, threshold?, frames?, operatorId?}</c>.</summary>
/// <param name="Decision">matched, notMatched, attackSuspected, inconclusive, notChecked, staffConfirmed, staffRefused.</param>
public sealed record FaceOutcome(string Decision)
{
    /// <summary>Similarity of the live face to the chip photo.</summary>
    public double? Score { get; init; }

    /// <summary>The threshold the score was compared with.</summary>
    public double? Threshold { get; init; }

    /// <summary>Live frames used.</summary>
    public int? Frames { get; init; }

    /// <summary>The staff member who confirmed visually (staff-assisted path).</summary>
    public string? OperatorId { get; init; }
}
