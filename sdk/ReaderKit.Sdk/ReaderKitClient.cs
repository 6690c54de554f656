using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Sdk;

/// <summary>
/// A connection to a ReaderKit host. Thread-safe; one instance per application is enough. Every call is async and
/// takes a <see cref="CancellationToken"/> (cancelling sends <c>$/cancel</c>); events arrive through
/// <see cref="ReadEventsAsync"/>. With <see cref="ReaderKitClientOptions.AutoReconnect"/> the client reconnects with
/// back-off, says hello again, re-attaches its lease, re-subscribes its topics and yields an
/// <see cref="EventGapEvent"/> so the application re-reads the status. A call in flight when the connection drops fails
/// with <see cref="ReaderKitConnectionException"/> and is not retried (<see cref="WaitForTapResultAsync"/> resumes).
/// </summary>
public sealed class ReaderKitClient : IAsyncDisposable
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(25);
    private readonly ReaderKitClientOptions _options;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private readonly List<Channel<ReaderEvent>> _consumers = [];
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private TaskCompletionSource<ClientConnection> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClientConnection? _current;
    private HelloResult? _server;
    private string? _leaseId;

    private ReaderKitClient(ReaderKitClientOptions options) => _options = options;

    /// <summary>The host's hello reply (protocol, server, capabilities, limits) on the current connection.</summary>
    public HelloResult Server => _server ?? throw new InvalidOperationException("Not connected.");

    /// <summary>True while a connection is up.</summary>
    public bool IsConnected => _current?.IsOpen == true;

    /// <summary>The lease this client holds (re-attached after a reconnect), or null.</summary>
    public string? LeaseId => _leaseId;

    /// <summary>Connects, says hello and returns the client.</summary>
    /// <exception cref="ReaderKitConnectionException">Cannot connect (or <see cref="CertificatePinMismatchException"/>).</exception>
    /// <exception cref="ReaderKitSessionException"><c>Unauthorized</c>: no or wrong token.</exception>
    /// <exception cref="ReaderKitProtocolException"><c>UnsupportedProtocol</c>.</exception>
    public static async Task<ReaderKitClient> ConnectAsync(ReaderKitClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new ReaderKitClient(options);
        try
        {
            await client.ConnectOnceAsync(reconnect: false, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Round trip to the host; returns its clock.</summary>
    public Task<PingResult> PingAsync(CancellationToken cancellationToken = default) =>
        CallAsync<Empty, PingResult>(RpcMethods.SessionPing, Empty.Instance, TimeSpan.Zero, cancellationToken);

    /// <summary>The reader snapshot: state, mode, card present, reader ok, lease holder.</summary>
    public Task<ReaderStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        CallAsync<Empty, ReaderStatus>(RpcMethods.ReaderGetStatus, Empty.Instance, TimeSpan.Zero, cancellationToken);

    /// <summary>Takes (or renews) the reader lease; it is re-attached automatically after a reconnect.</summary>
    /// <exception cref="ReaderKitSessionException"><c>LeaseHeld</c> (see <c>Details["holder"]</c>).</exception>
    public async Task<LeaseGrant> AcquireLeaseAsync(TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        var grant = await CallAsync<LeaseRequest, LeaseGrant>(
            RpcMethods.ReaderAcquireLease, new LeaseRequest(ttl is { } t ? (int)t.TotalMilliseconds : null, _leaseId), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        _leaseId = grant.LeaseId;
        return grant;
    }

    /// <summary>Gives the lease back; false when this client held none.</summary>
    public async Task<bool> ReleaseLeaseAsync(CancellationToken cancellationToken = default)
    {
        if (_leaseId is not { } lease)
        {
            return false;
        }

        var done = await CallAsync<LeaseReleaseRequest, Done>(RpcMethods.ReaderReleaseLease, new LeaseReleaseRequest(lease), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        _leaseId = null;
        return done.Value;
    }

    /// <summary>
    /// Starts a tap. <paramref name="numberB"/> stays yours (dispose it when done); the SDK zeroes its own send buffer
    /// after the request left. Returns the tap id at once; follow it with events or <see cref="WaitForTapResultAsync"/>.
    /// </summary>
    /// <exception cref="ReaderKitReaderException"><c>ReaderBusy</c>, <c>ReaderUnavailable</c>.</exception>
    /// <exception cref="ReaderKitSessionException"><c>LeaseHeld</c>.</exception>
    public Task<TapStarted> StartTapAsync(NumberBInput numberB, TapOptions? options = null, string? requestId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(numberB);
        return CallAsync<TapStartRequest, TapStarted>(
            RpcMethods.TapStart, new TapStartRequest(numberB, options ?? new TapOptions(), _leaseId, requestId), TimeSpan.Zero, cancellationToken);
    }

    /// <summary>Cancels a running tap this client started; false when it was no longer running.</summary>
    public async Task<bool> CancelTapAsync(string tapId, CancellationToken cancellationToken = default) =>
        (await CallAsync<TapRef, Done>(RpcMethods.TapCancel, new TapRef(tapId), TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>A tap's state and, once done, its result; <paramref name="wait"/> (≤ 30 s) waits for a running tap.</summary>
    public Task<TapResultReply> GetTapResultAsync(string tapId, TimeSpan wait = default, CancellationToken cancellationToken = default) =>
        CallAsync<TapResultRequest, TapResultReply>(RpcMethods.TapGetResult, new TapResultRequest(tapId, (int)wait.TotalMilliseconds), wait, cancellationToken);

    /// <summary>Waits for a tap's result, long-polling, and resuming across automatic reconnects.</summary>
    public async Task<TapResult> WaitForTapResultAsync(string tapId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            try
            {
                var reply = await GetTapResultAsync(tapId, LongPoll, cancellationToken).ConfigureAwait(false);
                if (reply.Result is { } result)
                {
                    return result;
                }
            }
            catch (ReaderKitConnectionException) when (_options.AutoReconnect && !_disposed.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The next call waits for the reconnect.
            }
        }
    }

    /// <summary>Starts a tap and waits for its result; cancelling the token also cancels the tap on the host.</summary>
    public async Task<TapResult> TapAsync(NumberBInput numberB, TapOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = await StartTapAsync(numberB, options, null, cancellationToken).ConfigureAwait(false);
        try
        {
            return await WaitForTapResultAsync(started.TapId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5), _options.TimeProvider);
            try
            {
                await CancelTapAsync(started.TapId, grace.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ReaderKitException or ReaderKitConnectionException or OperationCanceledException or TimeoutException)
            {
            }

            throw;
        }
    }

    /// <summary>Subscribes to topics (notification names, <c>card.*</c>, <c>*</c>); remembered and renewed after a reconnect.</summary>
    public async Task<SubscribeResult> SubscribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        var list = topics.ToList();
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var result = await connection.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(list), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
        if (connection.LastSeq == 0)
        {
            connection.LastSeq = result.Seq;
        }

        lock (_gate)
        {
            _topics.UnionWith(list);
        }

        return result;
    }

    /// <summary>Stops topics.</summary>
    public async Task<bool> UnsubscribeAsync(IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        var list = topics.ToList();
        lock (_gate)
        {
            _topics.ExceptWith(list);
        }

        return (await CallAsync<SubscribeRequest, Done>(RpcMethods.EventsUnsubscribe, new SubscribeRequest(list), TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>
    /// The events of the subscribed topics, as they arrive, plus <see cref="EventGapEvent"/> whenever some may have been
    /// missed. Each enumeration has its own buffer; several readers may enumerate at once. Ends when the client is disposed.
    /// </summary>
    public async IAsyncEnumerable<ReaderEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<ReaderEvent>(new BoundedChannelOptions(_options.EventBufferLength) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });
        lock (_gate)
        {
            _consumers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var readerEvent))
                {
                    yield return readerEvent;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _consumers.Remove(channel);
            }
        }
    }

    /// <summary>One page of journal records.</summary>
    public Task<JournalPage> QueryJournalAsync(JournalQuery query, CancellationToken cancellationToken = default) =>
        CallAsync<JournalQuery, JournalPage>(RpcMethods.JournalQuery, query, TimeSpan.Zero, cancellationToken);

    /// <summary>The reconciliation export (<c>jsonl</c> or <c>csv</c>), chunk by chunk (UTF-8 bytes).</summary>
    public async IAsyncEnumerable<byte[]> ExportJournalAsync(JournalExportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var next = request;
        while (true)
        {
            var chunk = await CallAsync<JournalExportRequest, JournalExportChunk>(RpcMethods.JournalExport, next, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            if (chunk.Data.Length > 0)
            {
                yield return chunk.Data;
            }

            if (chunk.Done || chunk.NextCursor is null)
            {
                yield break;
            }

            next = next with { Cursor = chunk.NextCursor };
        }
    }

    /// <summary>
    /// The outage paperwork of a finished tap this client started: the A4 self-declaration form (<paramref name="kind"/>
    /// <c>form</c>) or the receipt slip (<c>slip</c>, 58 or 80 mm; null takes the host's setting), as PDF bytes with the
    /// journal record id and the receipt hash its QR code carries. Errors: <c>RecordNotFound</c>, <c>Unauthorized</c>
    /// (another client's tap), <c>ReaderBusy</c> (not finished), <c>InvalidInput</c> (the tap did not verify),
    /// <c>ReaderUnavailable</c> (the host prints no paperwork). Rendering takes up to a few seconds on a Pi: the call
    /// waits <see cref="ReaderKitClientOptions.CallTimeout"/> plus 10 s.
    /// </summary>
    public Task<PrintedForm> PrintFormAsync(string tapId, string kind = PrintFormRequest.FormKind, int? slipWidthMm = null, CancellationToken cancellationToken = default) =>
        CallAsync<PrintFormRequest, PrintedForm>(RpcMethods.TapPrintForm, new PrintFormRequest(tapId) { Kind = kind, SlipWidthMm = slipWidthMm }, TimeSpan.FromSeconds(10), cancellationToken);

    /// <summary>Marks journal records reconciled; returns how many changed.</summary>
    public async Task<int> MarkReconciledAsync(IReadOnlyList<string> recordIds, CancellationToken cancellationToken = default) =>
        (await CallAsync<MarkReconciledRequest, MarkReconciledResult>(RpcMethods.JournalMarkReconciled, new MarkReconciledRequest(recordIds), TimeSpan.Zero, cancellationToken).ConfigureAwait(false)).Marked;

    /// <summary>Device identity and versions.</summary>
    public Task<DeviceInfo> GetDeviceInfoAsync(CancellationToken cancellationToken = default) =>
        CallAsync<Empty, DeviceInfo>(RpcMethods.DeviceGetInfo, Empty.Instance, TimeSpan.Zero, cancellationToken);

    /// <summary>The trust store in use.</summary>
    public Task<TrustInfo> GetTrustInfoAsync(CancellationToken cancellationToken = default) =>
        CallAsync<Empty, TrustInfo>(RpcMethods.TrustGetInfo, Empty.Instance, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Calls any method with a params map already encoded as MessagePack and returns the raw MessagePack result (for
    /// bridges such as a JSON layer). Errors still throw typed exceptions.
    /// </summary>
    public async Task<byte[]> InvokeRawAsync(string method, ReadOnlyMemory<byte> parametersMap, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.CallRawAsync(method, parametersMap, _options.CallTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the connection and ends every event enumeration.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync().ConfigureAwait(false);
        ClientConnection? current;
        lock (_gate)
        {
            current = _current;
            _current = null;
            _ready.TrySetException(new ObjectDisposedException(nameof(ReaderKitClient)));
            foreach (var consumer in _consumers)
            {
                consumer.Writer.TryComplete();
            }
        }

        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task<TResult> CallAsync<TParams, TResult>(string method, TParams parameters, TimeSpan extra, CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is { IsOpen: true })
        {
            return current.CallAsync<TParams, TResult>(method, parameters, _options.CallTimeout + extra, cancellationToken);
        }

        return CallSlowAsync<TParams, TResult>(method, parameters, extra, cancellationToken);
    }

    private async Task<TResult> CallSlowAsync<TParams, TResult>(string method, TParams parameters, TimeSpan extra, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.CallAsync<TParams, TResult>(method, parameters, _options.CallTimeout + extra, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ClientConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        var current = _current;
        if (current is { IsOpen: true })
        {
            return current;
        }

        Task<ClientConnection> ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

        try
        {
            return await ready.WaitAsync(_options.ReconnectWait, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new ReaderKitConnectionException("The connection to the ReaderKit host is down and did not come back in time.", e);
        }
    }

    private async Task ConnectOnceAsync(bool reconnect, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        var connection = await ClientConnection.OpenAsync(_options, OnEvent, timeout.Token).ConfigureAwait(false);
        try
        {
            var hello = await connection.CallAsync<HelloRequest, HelloResult>(
                RpcMethods.SessionHello,
                new HelloRequest(ProtocolVersion.Current.ToString(), new ClientInfo(_options.ClientName, _options.ClientVersion), _options.Token),
                _options.ConnectTimeout,
                timeout.Token).ConfigureAwait(false);
            _server = hello;
            if (reconnect)
            {
                Publish(new EventGapEvent(GapReason.Reconnected, connection.LastSeq + 1, 0) { TsMs = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() });
                await RestoreAsync(connection, timeout.Token).ConfigureAwait(false);
            }

            lock (_gate)
            {
                if (_disposed.IsCancellationRequested)
                {
                    throw new ObjectDisposedException(nameof(ReaderKitClient));
                }

                _current = connection;
                _ready.TrySetResult(connection);
            }

            _ = connection.Closed.ContinueWith(t => OnClosed(connection), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>After a reconnect: re-attach the lease (it may have expired) and re-subscribe.</summary>
    private async Task RestoreAsync(ClientConnection connection, CancellationToken cancellationToken)
    {
        if (_leaseId is { } lease)
        {
            try
            {
                await connection.CallAsync<LeaseRequest, LeaseGrant>(RpcMethods.ReaderAcquireLease, new LeaseRequest(null, lease), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ReaderKitSessionException e) when (e.Code == ErrorCode.LeaseHeld)
            {
                _leaseId = null;
            }
        }

        List<string> topics;
        lock (_gate)
        {
            topics = [.. _topics];
        }

        if (topics.Count > 0)
        {
            var result = await connection.CallAsync<SubscribeRequest, SubscribeResult>(RpcMethods.EventsSubscribe, new SubscribeRequest(topics), _options.CallTimeout, cancellationToken).ConfigureAwait(false);
            if (connection.LastSeq == 0)
            {
                connection.LastSeq = result.Seq;
            }
        }
    }

    private void OnClosed(ClientConnection connection)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_current, connection) || _disposed.IsCancellationRequested)
            {
                return;
            }

            _current = null;
            _ready = new TaskCompletionSource<ClientConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_options.AutoReconnect)
            {
                _ready.TrySetException(new ReaderKitConnectionException("The connection to the ReaderKit host was lost."));
                return;
            }
        }

        _ = Task.Run(ReconnectLoopAsync);
    }

    private async Task ReconnectLoopAsync()
    {
        var delay = _options.ReconnectMinDelay;
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _options.TimeProvider, _disposed.Token).ConfigureAwait(false);
                await ConnectOnceAsync(reconnect: true, _disposed.Token).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is CertificatePinMismatchException || (e is ReaderKitException r && r.Code is ErrorCode.Unauthorized or ErrorCode.UnsupportedProtocol))
            {
                // Not something time fixes: stop and let every waiting call see why.
                lock (_gate)
                {
                    _ready.TrySetException(e);
                }

                return;
            }
            catch (Exception e) when (e is ReaderKitConnectionException or ReaderKitException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
            }
        }
    }

    private void OnEvent(ClientConnection connection, ReaderEvent readerEvent)
    {
        var last = connection.LastSeq;
        if (last != 0 && readerEvent.Seq > last + 1)
        {
            Publish(new EventGapEvent(GapReason.SequenceJump, last + 1, readerEvent.Seq) { TsMs = readerEvent.TsMs });
        }

        if (readerEvent.Seq > last)
        {
            connection.LastSeq = readerEvent.Seq;
        }

        Publish(readerEvent);
    }

    private void Publish(ReaderEvent readerEvent)
    {
        lock (_gate)
        {
            foreach (var consumer in _consumers)
            {
                if (!consumer.Writer.TryWrite(readerEvent))
                {
                    // Make room for the signal: drop the oldest event and say that something was lost.
                    consumer.Reader.TryRead(out _);
                    consumer.Writer.TryWrite(new EventGapEvent(GapReason.LocalOverflow, 0, readerEvent.Seq) { TsMs = readerEvent.TsMs });
                }
            }
        }
    }
}
