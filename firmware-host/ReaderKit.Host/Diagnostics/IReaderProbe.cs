namespace ReaderKit.Host.Diagnostics;

/// <summary>Asks the configured PN532 for its firmware and whether a card is in the field (one short session; the host must not be mid-tap).</summary>
public interface IReaderProbe
{
    /// <summary>Probes the reader; a missing or silent chip is a result (<see cref="ReaderProbeResult.Error"/>), not an exception.</summary>
    Task<ReaderProbeResult> ProbeAsync(CancellationToken cancellationToken);
}
