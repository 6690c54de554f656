using System.Globalization;
using SkiaSharp;

namespace ReaderKit.Face.Evaluation;

/// <summary>One curve of a DET plot: genuine and impostor scores, and the threshold whose operating point is marked.</summary>
/// <param name="Label">Legend text.</param>
/// <param name="Genuine">Genuine scores.</param>
/// <param name="Impostor">Impostor scores.</param>
/// <param name="OperatingThreshold">Threshold to mark with a cross (null: none).</param>
public sealed record DetSeries(string Label, IReadOnlyList<double> Genuine, IReadOnlyList<double> Impostor, double? OperatingThreshold);
