namespace ReaderKit.Host.Diagnostics;

/// <summary>One diagnostic of <c>readerkit doctor</c>. Checks get their hardware through injected probes, so each is testable.</summary>
public interface IDoctorCheck
{
    /// <summary>The stable name printed on the line.</summary>
    string Name { get; }

    /// <summary>Runs the check. May throw; <see cref="Doctor"/> turns an exception or a timeout into a FAIL line.</summary>
    Task<DoctorLine> RunAsync(CancellationToken cancellationToken);
}
