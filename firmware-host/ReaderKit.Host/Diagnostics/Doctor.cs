using System.Globalization;

namespace ReaderKit.Host.Diagnostics;

/// <summary>Runs doctor checks one after another, each bounded by a timeout; a check that throws or hangs becomes a FAIL line, never a crash.</summary>
public sealed class Doctor(IEnumerable<IDoctorCheck> checks, TimeSpan perCheckTimeout)
{
    /// <summary>Runs every check; returns one line per check, in order.</summary>
    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken cancellationToken)
    {
        var lines = new List<DoctorLine>();
        foreach (var check in checks)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(perCheckTimeout);
            try
            {
                lines.Add(await check.RunAsync(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lines.Add(new DoctorLine(check.Name, DoctorStatus.Fail,
                    string.Create(CultureInfo.InvariantCulture, $"no answer within {perCheckTimeout.TotalSeconds:0.#} s"),
                    "Check the device's power and wiring; see the troubleshooting guide."));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lines.Add(new DoctorLine(check.Name, DoctorStatus.Fail, $"the check failed: {e.GetType().Name}: {e.Message}", "See the host log for details."));
            }
        }

        return lines;
    }

    /// <summary>The process exit code for a set of lines: 0 all OK, 1 some WARN, 2 any FAIL.</summary>
    public static int ExitCode(IEnumerable<DoctorLine> lines)
    {
        var worst = lines.Select(l => l.Status).DefaultIfEmpty(DoctorStatus.Ok).Max();
        return worst switch
        {
            DoctorStatus.Ok => 0,
            DoctorStatus.Warn => 1,
            _ => 2,
        };
    }
}
