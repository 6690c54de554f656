using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReaderKit.Host.Configuration;
using ReaderKit.Rpc;
using ReaderKit.Rpc.FolderExchange;
using ReaderKit.Rpc.Security;

namespace ReaderKit.Host.Rpc;

/// <summary>
/// Runs the RPC server (<see cref="RpcServer"/>) for the host's lifetime: the Unix socket (<c>Rpc:UnixSocket</c>, mode
/// <c>Rpc:UnixSocketMode</c>), the TLS 1.3 listener on <c>Rpc:TlsPort</c> with the device certificate and the client
/// tokens from <c>Rpc:StateDirectory</c> (what <c>readerkit pair</c> writes), and the folder exchange when
/// <c>Rpc:FolderExchange</c> names both folders. A listener that cannot start stops the host with the reason.
/// </summary>
public sealed partial class RpcHostedService(
    HostReaderService service, IOptions<RpcOptions> options, TimeProvider time, ILoggerFactory logs) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _log = logs.CreateLogger<RpcHostedService>();
    private RpcServer? _server;
    private DeviceIdentity? _identity;
    private FolderExchange? _folder;

    /// <summary>The running server (null when <c>Rpc:Enabled</c> is false or before start).</summary>
    public RpcServer? Server => _server;

    /// <summary>The running folder exchange, or null.</summary>
    public FolderExchange? Folder => _folder;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            LogDisabled();
            return;
        }

        var serverOptions = new RpcServerOptions
        {
            UnixSocketPath = string.IsNullOrWhiteSpace(o.UnixSocket) ? null : o.UnixSocket,
            UnixSocketMode = o.ParsedSocketMode() ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite),
            RequireTokenOnUnixSocket = o.RequireTokenOnUnixSocket,
            TlsEndPoint = o.TlsPort is { } port ? new IPEndPoint(IPAddress.Parse(o.TlsAddress), port) : null,
        };
        if (serverOptions.UnixSocketPath is { } socket && Path.GetDirectoryName(socket) is { Length: > 0 } socketDirectory)
        {
            Directory.CreateDirectory(socketDirectory);
        }

        ClientTokenStore? tokens = null;
        if (serverOptions.TlsEndPoint is not null || o.RequireTokenOnUnixSocket)
        {
            tokens = ClientTokenStore.Open(o.StateDirectory);
            _identity = serverOptions.TlsEndPoint is null ? null : DeviceIdentity.LoadOrCreate(o.StateDirectory, time);
        }

        _server = new RpcServer(service, serverOptions, _identity, tokens, time, logs.CreateLogger<RpcServer>());
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        if (o.FolderExchange.Enabled)
        {
            var f = o.FolderExchange;
            _folder = new FolderExchange(service, _server.Leases, new FolderExchangeOptions
            {
                InboxDirectory = f.Inbox,
                OutboxDirectory = f.Outbox,
                AllowedFields = [.. f.AllowedFields],
                WriteJson = f.WriteJson,
                WriteXml = f.WriteXml,
                WriteAllTaps = f.WriteAllTaps,
                PollInterval = f.PollInterval,
            }, time, logs.CreateLogger<FolderExchange>());
            await _folder.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        LogListening(serverOptions.UnixSocketPath ?? "-", _server.TlsEndPoint?.ToString() ?? "-", _identity?.Fingerprint ?? "-", _folder is not null);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_folder is { } folder)
        {
            _folder = null;
            await folder.DisposeAsync().ConfigureAwait(false);
        }

        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _identity?.Dispose();
        _identity = null;
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "RPC listening: unix {Socket}, tls {Tls}, certificate {Fingerprint}, folder exchange {Folder}")]
    private partial void LogListening(string socket, string tls, string fingerprint, bool folder);

    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "RPC disabled (Rpc:Enabled=false)")]
    private partial void LogDisabled();
}
