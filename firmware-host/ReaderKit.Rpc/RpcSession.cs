using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Events;
using ReaderKit.Protocol.Framing;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc;

/// <summary>
/// One connection: reads bounded messages, enforces hello, auth and the rate limit, dispatches requests (inline when
/// they complete at once, otherwise up to <c>MaxInFlight</c> concurrently), writes responses under a write lock, and
/// pumps notifications from a bounded queue. Any framing violation closes this connection only.
/// </summary>
internal sealed partial class RpcSession
{
    private readonly Stream _stream;
    private readonly RpcServerContext _ctx;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _inFlight;
    private readonly ArrayBufferWriter<byte> _out = new(4096);
    private readonly Channel<ReaderEvent> _notifications;
    private readonly ConcurrentDictionary<uint, CancellationTokenSource> _cancellable = new();
    private readonly RequestRateLimiter _limiter;
    private readonly Lock _topicsGate = new();
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _abort = new();
    private long _seq;
    private long _dropped;
    private long _lastWriteProgress;
    private long _writeSince;
    private volatile bool _helloDone;
    private volatile bool _hasTopics;
    private bool _closeAfterReply;

    public RpcSession(long id, Stream stream, RpcTransport transport, RpcServerContext context)
    {
        Id = id;
        _stream = stream;
        Transport = transport;
        _ctx = context;
        _inFlight = new SemaphoreSlim(context.Options.MaxInFlight, context.Options.MaxInFlight);
        _limiter = new RequestRateLimiter(context.Time, context.Options.RequestsPerSecond, context.Options.RequestBurst);
        _notifications = Channel.CreateBounded<ReaderEvent>(new BoundedChannelOptions(context.Options.NotificationQueueLength)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _lastWriteProgress = context.Time.GetTimestamp();
    }

    public long Id { get; }

    public RpcTransport Transport { get; }

    /// <summary>The authenticated principal (token name, or <c>local:</c> + client name); null before hello.</summary>
    public string? Principal { get; private set; }

    /// <summary>The client's declared name.</summary>
    public string? ClientName { get; private set; }

    /// <summary>Notifications dropped because this connection's queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public async Task RunAsync(CancellationToken serverToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverToken, _abort.Token);
        var token = linked.Token;
        var pump = PumpNotificationsAsync(token);
        using var helloDeadline = new CancellationTokenSource(_ctx.Options.HelloTimeout, _ctx.Time);
        using var beforeHello = CancellationTokenSource.CreateLinkedTokenSource(token, helloDeadline.Token);
        var reason = "closed by peer";
        try
        {
            using var reader = new MessageStreamReader(_stream, _ctx.Options.MaxMessageBytes, _ctx.Options.MaxDepth);
            while (true)
            {
                var message = await reader.ReadAsync(_helloDone ? token : beforeHello.Token).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                if (!await HandleAsync(message.Value, token).ConfigureAwait(false))
                {
                    reason = "closed by server";
                    break;
                }
            }
        }
        catch (FramingException e)
        {
            reason = "framing: " + e.Failure;
            LogFraming(_ctx.Logger, Id, e.Message);
        }
        catch (OperationCanceledException) when (helloDeadline.IsCancellationRequested && !_helloDone)
        {
            reason = "hello timeout";
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            reason = _abort.IsCancellationRequested ? "aborted" : "i/o";
        }
        finally
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            _notifications.Writer.TryComplete();
            foreach (var cts in _cancellable.Values)
            {
                await cts.CancelAsync().ConfigureAwait(false);
            }

            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
            }

            await _stream.DisposeAsync().ConfigureAwait(false);
            LogClosed(_ctx.Logger, Id, reason);
        }
    }

    /// <summary>Closes the connection at once (slow client, flood, server stop).</summary>
    public void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        _stream.Dispose();
    }

    /// <summary>Called by the hub on the reader's thread: never blocks.</summary>
    public void Offer(ReaderEvent readerEvent, TapRegistry registry)
    {
        if (!_hasTopics || !IsSubscribed(readerEvent.Method))
        {
            return;
        }

        if (readerEvent is TapResultEvent result && Principal is { } principal)
        {
            readerEvent = result with { Result = registry.ForViewer(result.TapId, result.Result, principal) };
        }

        var seq = Interlocked.Increment(ref _seq);
        if (_notifications.Writer.TryWrite(readerEvent with { Seq = seq }))
        {
            return;
        }

        Interlocked.Increment(ref _dropped);
        if (_ctx.Time.GetElapsedTime(Interlocked.Read(ref _lastWriteProgress)) > _ctx.Options.SlowClientTimeout)
        {
            LogSlowClient(_ctx.Logger, Id);
            Abort();
        }
    }

    private bool IsSubscribed(string method)
    {
        lock (_topicsGate)
        {
            foreach (var topic in _topics)
            {
                if (RpcNotifications.Matches(topic, method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Handles one message; false closes the connection.</summary>
    private async ValueTask<bool> HandleAsync(ReadOnlyMemory<byte> message, CancellationToken token)
    {
        RpcEnvelope envelope;
        try
        {
            envelope = RpcCodec.Parse(message);
        }
        catch (RpcFormatException e)
        {
            // Without a msgid there is nobody to answer: a broken envelope closes the connection.
            if (RpcCodec.TryReadRequestId(message) is not { } brokenId)
            {
                return false;
            }

            await SendAsync(brokenId, RpcReply.Error(RpcError.From(e.Code, e.Message)), token).ConfigureAwait(false);
            return true;
        }

        switch (envelope.Kind)
        {
            case RpcMessageKind.Notification:
                if (_helloDone && envelope.Method == RpcMethods.CancelRequest)
                {
                    CancelInFlight(envelope.Body);
                }

                return true;
            case RpcMessageKind.Response:
                return true;
        }

        var id = envelope.Id;
        if (!_limiter.TryTake())
        {
            if (_limiter.RefusedInWindow > _ctx.Options.RateLimitCloseThreshold)
            {
                LogFlood(_ctx.Logger, Id);
                return false;
            }

            await SendAsync(id, RpcReply.Error(RpcError.From(ErrorCode.RateLimited, "Too many requests; slow down.")), token).ConfigureAwait(false);
            return true;
        }

        if (!_helloDone && envelope.Method != RpcMethods.SessionHello)
        {
            await SendAsync(id, RpcReply.Error(RpcError.From(ErrorCode.HelloRequired, "Call session.hello first.")), token).ConfigureAwait(false);
            return true;
        }

        ValueTask<RpcReply> pending;
        try
        {
            pending = Dispatch(envelope, token);
        }
        catch (Exception e)
        {
            pending = ValueTask.FromResult(ToReply(e));
        }

        if (pending.IsCompleted)
        {
            var reply = await Settle(pending).ConfigureAwait(false);
            if (_cancellable.TryRemove(id, out var cts))
            {
                cts.Dispose();
            }

            await SendAsync(id, reply, token).ConfigureAwait(false);
            return !_closeAfterReply;
        }

        await _inFlight.WaitAsync(token).ConfigureAwait(false);
        _ = CompleteLaterAsync(id, pending, token);
        return true;
    }

    private async Task CompleteLaterAsync(uint id, ValueTask<RpcReply> pending, CancellationToken token)
    {
        try
        {
            var reply = await Settle(pending).ConfigureAwait(false);
            await SendAsync(id, reply, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            if (_cancellable.TryRemove(id, out var cts))
            {
                cts.Dispose();
            }

            _inFlight.Release();
        }
    }

    private async ValueTask<RpcReply> Settle(ValueTask<RpcReply> pending)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return ToReply(e);
        }
    }

    private RpcReply ToReply(Exception e)
    {
        switch (e)
        {
            case ReaderServiceException s:
                return RpcReply.Error(RpcError.From(s.Code, s.Message, s.Details));
            case RpcFormatException f:
                return RpcReply.Error(RpcError.From(f.Code, f.Message));
            case OperationCanceledException:
                return RpcReply.Error(RpcError.From(ErrorCode.Cancelled, "The request was cancelled."));
            default:
                LogHandlerFailed(_ctx.Logger, Id, e);
                return RpcReply.Error(RpcError.From(ErrorCode.InternalError, "Internal error; see the host log."));
        }
    }

    /// <summary>A token that <c>$/cancel</c> (and the connection's end) cancels, for requests that may wait.</summary>
    private CancellationToken CancellableToken(uint id, CancellationToken token)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(token);
        if (_cancellable.TryGetValue(id, out var old))
        {
            old.Cancel();
        }

        _cancellable[id] = cts;
        return cts.Token;
    }

    private void CancelInFlight(ReadOnlyMemory<byte> body)
    {
        try
        {
            var request = ProtocolSerializer.Deserialize<CancelRequestParams>(body);
            if (_cancellable.TryGetValue(request.Id, out var cts))
            {
                cts.Cancel();
            }
        }
        catch (Exception e) when (e is RpcFormatException or ObjectDisposedException)
        {
        }
    }

    private async ValueTask SendAsync(uint id, RpcReply reply, CancellationToken token)
    {
        await _writeLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            reply.Write(_out, id);
            await FlushOutAsync(token).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task PumpNotificationsAsync(CancellationToken token)
    {
        var reader = _notifications.Reader;
        while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            await _writeLock.WaitAsync(token).ConfigureAwait(false);
            try
            {
                var batch = 0;
                while (batch < 64 && reader.TryRead(out var readerEvent))
                {
                    RpcCodec.WriteEvent(_out, readerEvent);
                    batch++;
                }

                await FlushOutAsync(token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    /// <summary>
    /// Writes <see cref="_out"/>, then zeroes it (results may hold personal fields). The write timeout is enforced by
    /// the server's watchdog (<see cref="CheckWriteStall"/>), not by a timer per write.
    /// </summary>
    private async ValueTask FlushOutAsync(CancellationToken token)
    {
        Interlocked.Exchange(ref _writeSince, _ctx.Time.GetTimestamp());
        try
        {
            await _stream.WriteAsync(_out.WrittenMemory, token).ConfigureAwait(false);
            Interlocked.Exchange(ref _lastWriteProgress, _ctx.Time.GetTimestamp());
        }
        finally
        {
            Interlocked.Exchange(ref _writeSince, 0);
            _out.Clear();
        }
    }

    /// <summary>Called by the server's watchdog: closes the connection when one write has been stuck past the write timeout.</summary>
    public void CheckWriteStall()
    {
        var since = Interlocked.Read(ref _writeSince);
        if (since != 0 && _ctx.Time.GetElapsedTime(since) > _ctx.Options.WriteTimeout)
        {
            LogWriteTimeout(_ctx.Logger, Id);
            Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "rpc: connection {Session} refused a message: {Reason}")]
    private static partial void LogFraming(ILogger logger, long session, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "rpc: connection {Session} closed ({Reason})")]
    private static partial void LogClosed(ILogger logger, long session, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rpc: connection {Session} is not reading its notifications; closed")]
    private static partial void LogSlowClient(ILogger logger, long session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rpc: connection {Session} flooded past the rate limit; closed")]
    private static partial void LogFlood(ILogger logger, long session);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rpc: connection {Session} write timed out; closed")]
    private static partial void LogWriteTimeout(ILogger logger, long session);

    [LoggerMessage(Level = LogLevel.Error, Message = "rpc: connection {Session}: handler failed")]
    private static partial void LogHandlerFailed(ILogger logger, long session, Exception exception);
}
