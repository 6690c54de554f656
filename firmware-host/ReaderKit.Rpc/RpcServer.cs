using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReaderKit.Rpc.Security;

namespace ReaderKit.Rpc;

/// <summary>
/// The ReaderKit RPC server: a Unix-socket listener and/or a TLS 1.3 listener in front of one
/// <see cref="IReaderService"/>. Start with <see cref="StartAsync"/>, stop with <see cref="DisposeAsync"/>.
/// </summary>
public sealed partial class RpcServer : IAsyncDisposable
{
    private readonly RpcServerContext _ctx;
    private readonly DeviceIdentity? _identity;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _acceptLoops = [];
    private readonly Lock _sessionsGate = new();
    private readonly HashSet<Task> _sessionTasks = [];
    private readonly Dictionary<long, RpcSession> _sessions = [];
    private IDisposable? _subscription;
    private ITimer? _watchdog;
    private Socket? _unixListener;
    private TcpListener? _tcpListener;
    private long _nextSessionId;
    private int _connections;

    /// <param name="service">The reader host.</param>
    /// <param name="options">Listeners and limits (validated here).</param>
    /// <param name="identity">The device certificate; required for the TLS listener.</param>
    /// <param name="tokens">Client tokens; required for the TLS listener (and for tokens on the Unix socket).</param>
    /// <param name="time">Clock (tests pass a fake).</param>
    /// <param name="logger">Connection-level log; never receives payloads, tokens or personal fields.</param>
    public RpcServer(IReaderService service, RpcServerOptions options, DeviceIdentity? identity = null, ClientTokenStore? tokens = null, TimeProvider? time = null, ILogger<RpcServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.TlsEndPoint is not null && (identity is null || tokens is null))
        {
            throw new ArgumentException("The TLS listener needs the device identity and the client token store.", nameof(options));
        }

        if (options.RequireTokenOnUnixSocket && tokens is null)
        {
            throw new ArgumentException("RequireTokenOnUnixSocket needs the client token store.", nameof(tokens));
        }

        time ??= TimeProvider.System;
        ILogger log = logger ?? (ILogger)NullLogger.Instance;
        var registry = new TapRegistry(time, options.TapResultRetention, options.TapResultCapacity);
        var hub = new EventHub(registry, log);
        var leases = new ReaderLeaseManager(time, options.LeaseDefaultTtl, options.LeaseMaxTtl, options.LeaseReconnectGrace);
        _identity = identity;
        _ctx = new RpcServerContext(service, options, leases, registry, hub, tokens, identity?.Fingerprint, time, log);
    }

    /// <summary>The lease shared by every RPC client and the folder exchange.</summary>
    public ReaderLeaseManager Leases => _ctx.Leases;

    /// <summary>The bound TLS endpoint (its real port when 0 was asked for), or null.</summary>
    public IPEndPoint? TlsEndPoint { get; private set; }

    /// <summary>Open connections.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Binds the listeners and starts accepting.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _subscription = _ctx.Service.Subscribe(_ctx.Hub);
        var o = _ctx.Options;
        if (o.UnixSocketPath is { } path)
        {
            if (File.Exists(path))
            {
                File.Delete(path); // a stale socket from a previous run
            }

            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, o.UnixSocketMode);
            }

            socket.Listen(64);
            _unixListener = socket;
            _acceptLoops.Add(AcceptUnixAsync(socket, _stop.Token));
        }

        if (o.TlsEndPoint is { } endPoint)
        {
            var listener = new TcpListener(endPoint);
            listener.Start(64);
            _tcpListener = listener;
            TlsEndPoint = (IPEndPoint)listener.LocalEndpoint;
            _acceptLoops.Add(AcceptTlsAsync(listener, _stop.Token));
        }

        var period = TimeSpan.FromTicks(Math.Clamp(o.WriteTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _watchdog = _ctx.Time.CreateTimer(_ => CheckWrites(), null, period, period);
        LogStarted(_ctx.Logger, o.UnixSocketPath ?? "-", TlsEndPoint?.ToString() ?? "-");
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes every connection and unsubscribes from the service.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_watchdog is not null)
        {
            await _watchdog.DisposeAsync().ConfigureAwait(false);
        }

        _unixListener?.Dispose();
        _tcpListener?.Stop();
        foreach (var loop in _acceptLoops)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }

        Task[] running;
        lock (_sessionsGate)
        {
            foreach (var session in _sessions.Values)
            {
                session.Abort();
            }

            running = [.. _sessionTasks];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        _subscription?.Dispose();
        if (_ctx.Options.UnixSocketPath is { } path && File.Exists(path))
        {
            File.Delete(path);
        }

        _stop.Dispose();
    }

    private void CheckWrites()
    {
        RpcSession[] sessions;
        lock (_sessionsGate)
        {
            sessions = [.. _sessions.Values];
        }

        foreach (var session in sessions)
        {
            session.CheckWriteStall();
        }
    }

    /// <summary>Closes every open connection (tests use it to force a reconnect; the host on shutdown).</summary>
    public void DropConnections()
    {
        lock (_sessionsGate)
        {
            foreach (var session in _sessions.Values)
            {
                session.Abort();
            }
        }
    }

    private async Task AcceptUnixAsync(Socket listener, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            Launch(new NetworkStream(client, ownsSocket: true), RpcTransport.UnixSocket, tls: false, token);
        }
    }

    private async Task AcceptTlsAsync(TcpListener listener, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            client.NoDelay = true;
            client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            Launch(new NetworkStream(client, ownsSocket: true), RpcTransport.Tls, tls: true, token);
        }
    }

    private void Launch(NetworkStream stream, RpcTransport transport, bool tls, CancellationToken token)
    {
        if (Interlocked.Increment(ref _connections) > _ctx.Options.MaxConnections)
        {
            Interlocked.Decrement(ref _connections);
            LogTooMany(_ctx.Logger);
            stream.Dispose();
            return;
        }

        var id = Interlocked.Increment(ref _nextSessionId);
        var task = Task.Run(() => RunConnectionAsync(id, stream, transport, tls, token), CancellationToken.None);
        lock (_sessionsGate)
        {
            _sessionTasks.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_sessionsGate)
                {
                    _sessionTasks.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task RunConnectionAsync(long id, NetworkStream network, RpcTransport transport, bool tls, CancellationToken token)
    {
        Stream stream = network;
        RpcSession? session = null;
        try
        {
            if (tls)
            {
                var ssl = new SslStream(network, leaveInnerStreamOpen: false);
                stream = ssl;
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(token);
                handshake.CancelAfter(_ctx.Options.HelloTimeout);
                await ssl.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = SslStreamCertificateContext.Create(_identity!.Certificate, additionalCertificates: null, offline: true),
                        EnabledSslProtocols = SslProtocols.Tls13,
                        ClientCertificateRequired = false,
                        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                    },
                    handshake.Token).ConfigureAwait(false);
            }

            session = new RpcSession(id, stream, transport, _ctx);
            lock (_sessionsGate)
            {
                _sessions[id] = session;
            }

            _ctx.Hub.Add(session);
            await session.RunAsync(token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            LogHandshakeFailed(_ctx.Logger, id, e.GetType().Name);
        }
        finally
        {
            if (session is not null)
            {
                if (_ctx.Hub.Remove(session) && session.Principal is { } principal)
                {
                    _ctx.Leases.HolderDisconnected(principal);
                }

                lock (_sessionsGate)
                {
                    _sessions.Remove(id);
                }
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            Interlocked.Decrement(ref _connections);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "rpc: listening on unix {UnixPath}, tls {TlsEndPoint}")]
    private static partial void LogStarted(ILogger logger, string unixPath, string tlsEndPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rpc: connection limit reached; new connection closed")]
    private static partial void LogTooMany(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "rpc: connection {Session} failed before the session started ({Kind})")]
    private static partial void LogHandshakeFailed(ILogger logger, long session, string kind);
}
