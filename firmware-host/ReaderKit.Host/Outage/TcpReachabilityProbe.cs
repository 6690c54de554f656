using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using ReaderKit.Host.Configuration;

namespace ReaderKit.Host.Outage;

/// <summary>Reachable when a TCP connection to the configured <c>host:port</c> opens within the timeout (then closed at once).</summary>
public sealed class TcpReachabilityProbe(TcpProbeTarget target, TimeSpan timeout) : IReachabilityProbe
{
    /// <inheritdoc />
    public string Target => target.ToString();

    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(target.Host, target.Port, deadline.Token).ConfigureAwait(false);
            return new ProbeResult(true, string.Create(CultureInfo.InvariantCulture, $"connected in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, string.Create(CultureInfo.InvariantCulture, $"timed out after {timeout.TotalSeconds:0.###} s"));
        }
        catch (SocketException e)
        {
            return new ProbeResult(false, e.SocketErrorCode.ToString());
        }
    }
}
