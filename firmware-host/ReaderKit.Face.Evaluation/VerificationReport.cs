namespace ReaderKit.Face.Evaluation;

/// <summary>Summary of a verification experiment (ISO/IEC 19795-1 style).</summary>
public sealed record VerificationReport(
    int GenuinePairs,
    int ImpostorPairs,
    Estimate Eer,
    double EerThreshold,
    Estimate FnmrAtFmr1e2,
    double ThresholdAtFmr1e2,
    Estimate FnmrAtFmr1e3,
    double ThresholdAtFmr1e3,
    OperatingPoint AtConfiguredThreshold,
    Estimate FnmrAtConfiguredThreshold,
    Estimate FmrAtConfiguredThreshold);
