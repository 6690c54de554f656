using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Evaluation;

/// <summary>Result of an evaluation run.</summary>
public sealed record FaceEvaluationResult(
    VerificationReport Report,
    int Identities,
    int Images,
    int FailedImages,
    IReadOnlyDictionary<FaceQualityOutcome, int> FailureOutcomes,
    double Threshold,
    IReadOnlyList<double> GenuineScores,
    IReadOnlyList<double> ImpostorScores)
{
    /// <summary>Descriptor models of the primary configuration (the analyzer's), by name.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];

    /// <summary>Every configuration × (each subset, then "all"); the primary configuration's "all" row is <see cref="Report"/>.</summary>
    public IReadOnlyList<EvaluationRow> Rows { get; init; } = [];

    /// <summary>Subset names (one entry, the folder's own name, when the folder holds identities directly).</summary>
    public IReadOnlyList<string> Subsets { get; init; } = [];

    /// <summary>Live frames per transaction and the rule that combined them (SingleFrame when 1).</summary>
    public int TransactionFrames { get; init; } = 1;

    /// <summary>The rule used to combine frames.</summary>
    public TransactionRule Rule { get; init; } = TransactionRule.SingleFrame;
}
