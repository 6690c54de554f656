namespace ReaderKit.Face.Evaluation;

/// <summary>A point estimate with a 95 % confidence interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High);
