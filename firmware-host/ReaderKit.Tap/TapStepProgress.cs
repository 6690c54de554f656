namespace ReaderKit.Tap;

/// <summary>One progress event: a step of the tap completed.</summary>
/// <param name="Step">The step.</param>
/// <param name="Elapsed">Time since the tap started.</param>
/// <param name="Verdict">Only on <see cref="TapStep.Result"/>: the verdict.</param>
public sealed record TapStepProgress(TapStep Step, TimeSpan Elapsed, TapVerdict? Verdict = null);
