namespace ReaderKit.Host.Outage;

/// <summary>Asks whether the site's online system is reachable. Implementations bound themselves by a timeout and never throw for "unreachable".</summary>
public interface IReachabilityProbe
{
    /// <summary>What is probed, for logs and <c>doctor</c> (an address from configuration).</summary>
    string Target { get; }

    /// <summary>Runs one probe; a failure to reach is a result, not an exception. Throws only on cancellation.</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken);
}
