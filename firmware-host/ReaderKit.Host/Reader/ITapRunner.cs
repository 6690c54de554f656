namespace ReaderKit.Host.Reader;

/// <summary>
/// The seam between the host and the tap library (issue 10's <c>ReaderKit.Tap</c>): run one tap on the card now in
/// the field, report each step, honour cancellation everywhere, and return a closed verdict. Errors the card or the
/// reader cause are verdicts (<see cref="Contracts.VerdictKind.ReaderError"/> with the code), not exceptions; only
/// cancellation throws (<see cref="OperationCanceledException"/>).
/// </summary>
public interface ITapRunner
{
    /// <summary>Runs one tap.</summary>
    Task<TapVerdict> RunAsync(TapRequest request, IProgress<TapProgress> progress, CancellationToken cancellationToken);
}
