namespace ReaderKit.Face.Evaluation;

/// <summary>Error rates of a score set at one threshold (a match is <c>score ≥ threshold</c>).</summary>
public readonly record struct OperatingPoint(double Threshold, double Fmr, double Fnmr);
