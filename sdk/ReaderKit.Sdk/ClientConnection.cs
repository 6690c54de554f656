using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Framing;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Sdk;

/// <summary>
/// One physical connection: the stream, a read loop that completes pending calls and forwards notifications, a write
/// lock, and a sweep that times calls out. <see cref="ReaderKitClient"/> replaces it on reconnect.
/// </summary>
internal sealed class ClientConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ReaderKitClientOptions _options;
    private readonly Action<ClientConnection, ReaderEvent> _onEvent;
    private readonly ConcurrentDictionary<uint, PendingCall> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _out = new(1024);
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _sweep;
    private Task? _readLoop;
    private int _nextId;
    private long _lastSeq;

    private ClientConnection(Stream stream, ReaderKitClientOptions options, Action<ClientConnection, ReaderEvent> onEvent)
    {
        _stream = stream;
        _options = options;
        _onEvent = onEvent;
        _sweep = options.TimeProvider.CreateTimer(_ => Sweep(), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Completes (with the reason) when the connection is gone.</summary>
    public Task<Exception> Closed => _closed.Task;

    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>The last notification <c>seq</c> seen (0 = none yet).</summary>
    public long LastSeq
    {
        get => Interlocked.Read(ref _lastSeq);
        set => Interlocked.Exchange(ref _lastSeq, value);
    }

    public static async Task<ClientConnection> OpenAsync(ReaderKitClientOptions options, Action<ClientConnection, ReaderEvent> onEvent, CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint;
        Socket? socket = null;
        try
        {
            Stream stream;
            if (endpoint.IsUnixSocket)
            {
                socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.UnixSocketPath!), cancellationToken).ConfigureAwait(false);
                stream = new NetworkStream(socket, ownsSocket: true);
            }
            else
            {
                socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(endpoint.Host!, endpoint.Port, cancellationToken).ConfigureAwait(false);
                stream = await AuthenticateAsync(new NetworkStream(socket, ownsSocket: true), endpoint, cancellationToken).ConfigureAwait(false);
            }

            var connection = new ClientConnection(stream, options, onEvent);
            connection._readLoop = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
            return connection;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            socket?.Dispose();
            throw new ReaderKitConnectionException("Could not connect to " + endpoint + ": " + e.Message, e);
        }
        catch
        {
            socket?.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and returns its pending result.</summary>
    public Task<TResult> CallAsync<TParams, TResult>(string method, TParams parameters, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendAsync<TResult>((output, id) => RpcCodec.WriteRequest(output, id, method, parameters), timeout, cancellationToken);

    /// <summary>Sends a request with pre-encoded params; the result is the raw MessagePack of the result.</summary>
    public Task<byte[]> CallRawAsync(string method, ReadOnlyMemory<byte> parametersMap, TimeSpan timeout, CancellationToken cancellationToken) =>
        SendAsync<byte[]>((output, id) => RpcCodec.WriteRequestRaw(output, id, method, parametersMap.Span), timeout, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (_readLoop is not null)
        {
            await _readLoop.ConfigureAwait(false);
        }

        await _sweep.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<Stream> AuthenticateAsync(NetworkStream network, ReaderKitEndpoint endpoint, CancellationToken cancellationToken)
    {
        var pin = endpoint.PinnedFingerprint.ToArray();
        string? presented = null;
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    // Trust comes from the pinned fingerprint alone: no CA, no host name (the device has neither).
                    TargetHost = "readerkit-device",
                    EnabledSslProtocols = SslProtocols.Tls13,
                    CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        if (certificate is null)
                        {
                            return false;
                        }

                        var actual = CertificateFingerprint.Compute(certificate.GetRawCertData());
                        presented = CertificateFingerprint.Format(actual);
                        return CryptographicOperations.FixedTimeEquals(actual, pin);
                    },
                },
                cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (AuthenticationException e)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            if (presented is not null)
            {
                throw new CertificatePinMismatchException("The server certificate does not match the pinned fingerprint.", e) { PresentedFingerprint = presented };
            }

            throw new ReaderKitConnectionException("The TLS handshake failed: " + e.Message, e);
        }
    }

    private Task<T> SendAsync<T>(Action<IBufferWriter<byte>, uint> write, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var id = unchecked((uint)Interlocked.Increment(ref _nextId));
        var deadline = _options.TimeProvider.GetTimestamp() + (long)(timeout.TotalSeconds * _options.TimeProvider.TimestampFrequency);
        var call = new PendingCall<T>(id, deadline);
        _pending[id] = call;
        if (!IsOpen)
        {
            _pending.TryRemove(id, out _);
            return Task.FromException<T>(new ReaderKitConnectionException("The connection is closed."));
        }

        if (cancellationToken.CanBeCanceled)
        {
            call.Registration = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var (connection, pending) = ((ClientConnection, PendingCall))state!;
                    if (connection._pending.TryRemove(pending.Id, out _))
                    {
                        pending.Cancel(token);
                        connection.SendCancel(pending.Id);
                    }
                },
                (this, (PendingCall)call));
        }

        var sent = WriteRequestAsync(write, id, call, cancellationToken);

        // Usually the request went out synchronously: hand back the call's own task. A caller that blocks on it
        // (libreaderkit's C thread) is then woken by the read loop directly, not through a thread-pool continuation of
        // this method; an awaiting caller gets one thread-pool hop either way.
        return sent.IsCompletedSuccessfully ? call.Task : AfterWriteAsync(sent, call);
    }

    private static async Task<T> AfterWriteAsync<T>(Task sent, PendingCall<T> call)
    {
        await sent.ConfigureAwait(false);
        return await call.Task.ConfigureAwait(false);
    }

    /// <summary>Writes one request under the write lock; a failed write fails the call (the caller sees it on the call's task).</summary>
    private async Task WriteRequestAsync(Action<IBufferWriter<byte>, uint> write, uint id, PendingCall call, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            write(_out, id);
            await _stream.WriteAsync(_out.WrittenMemory, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            _pending.TryRemove(id, out _);
            call.Fail(new ReaderKitConnectionException("The connection was lost while sending.", e));
        }
        finally
        {
            // Zeroes what was written (a tap.start carries 照合番号B); best effort, see the README.
            _out.Clear();
            _writeLock.Release();
        }
    }

    /// <summary>Best-effort <c>$/cancel</c> for a request the caller gave up on.</summary>
    private void SendCancel(uint id) => _ = Task.Run(async () =>
    {
        try
        {
            await _writeLock.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                RpcCodec.WriteNotification(_out, RpcMethods.CancelRequest, new CancelRequestParams(id));
                await _stream.WriteAsync(_out.WrittenMemory, _stop.Token).ConfigureAwait(false);
            }
            finally
            {
                _out.Clear();
                _writeLock.Release();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
        }
    });

    private async Task ReadLoopAsync()
    {
        Exception reason = new ReaderKitConnectionException("The host closed the connection.");
        try
        {
            using var reader = new MessageStreamReader(_stream, _options.MaxMessageBytes, ProtocolLimits.DefaultMaxDepth);
            while (true)
            {
                var message = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                var envelope = RpcCodec.Parse(message.Value);
                if (envelope.Kind == RpcMessageKind.Response)
                {
                    if (_pending.TryRemove(envelope.Id, out var call))
                    {
                        call.Complete(envelope);
                    }
                }
                else if (envelope.Kind == RpcMessageKind.Notification && RpcCodec.ReadEvent(envelope.Method!, envelope.Body) is { } readerEvent)
                {
                    _onEvent(this, readerEvent);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException or FramingException or RpcFormatException)
        {
            reason = new ReaderKitConnectionException("The connection was lost: " + e.Message, e);
        }
        finally
        {
            _closed.TrySetResult(reason);
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var call))
                {
                    call.Fail(new ReaderKitConnectionException("The connection was lost before the host answered; the call was not retried.", reason));
                }
            }

            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Sweep()
    {
        var now = _options.TimeProvider.GetTimestamp();
        foreach (var (id, call) in _pending)
        {
            if (now > call.Deadline && _pending.TryRemove(id, out _))
            {
                call.Fail(new TimeoutException("The host did not answer in time."));
                SendCancel(id);
            }
        }
    }
}
