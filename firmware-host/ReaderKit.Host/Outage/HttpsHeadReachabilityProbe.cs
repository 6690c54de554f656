using System.Globalization;
using System.Security.Authentication;

namespace ReaderKit.Host.Outage;

/// <summary>
/// Reachable when an HTTPS HEAD of the configured URL gets any HTTP response (any status: the server answered) over a
/// TLS connection whose certificate validates normally. TLS failures, DNS failures and timeouts are unreachable.
/// </summary>
public sealed class HttpsHeadReachabilityProbe : IReachabilityProbe, IDisposable
{
    private readonly Uri _uri;
    private readonly TimeSpan _timeout;
    private readonly HttpClient _client;

    /// <summary>Creates the probe; <paramref name="handler"/> is for tests (a handler trusting a test certificate), production passes null.</summary>
    public HttpsHeadReachabilityProbe(Uri uri, TimeSpan timeout, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("The HEAD probe needs an https:// URL.", nameof(uri));
        }

        _uri = uri;
        _timeout = timeout;
        _client = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero })
            : new HttpClient(handler);
        _client.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <inheritdoc />
    public string Target => _uri.GetLeftPart(UriPartial.Path);

    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, _uri);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return new ProbeResult(true, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, string.Create(CultureInfo.InvariantCulture, $"timed out after {_timeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException e)
        {
            return new ProbeResult(false, e.InnerException is AuthenticationException ? "TLS handshake failed" : e.HttpRequestError.ToString());
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
