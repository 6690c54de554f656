using ReaderKit.Contracts;
using ReaderKit.Protocol;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Rpc;

/// <summary>The method table: parameters are decoded synchronously (before the receive buffer is reused), then handled.</summary>
internal sealed partial class RpcSession
{
    private static readonly IReadOnlyList<string> Capabilities =
    [
        ServerCapabilities.Tap, ServerCapabilities.Events, ServerCapabilities.Lease, ServerCapabilities.Journal,
        ServerCapabilities.CancelRequest, ServerCapabilities.PersonalFields, ServerCapabilities.Paperwork,
    ];

    private ValueTask<RpcReply> Dispatch(in RpcEnvelope envelope, CancellationToken token)
    {
        var body = envelope.Body;
        var service = _ctx.Service;
        switch (envelope.Method)
        {
            case RpcMethods.SessionHello:
                return Done(Hello(Decode<HelloRequest>(body)));
            case RpcMethods.SessionPing:
                return Done(RpcReply.Of(new PingResult(_ctx.Time.GetUtcNow().ToUnixTimeMilliseconds())));
            case RpcMethods.ReaderGetStatus:
                return Done(RpcReply.Of(service.GetStatus() with { LeaseHolder = _ctx.Leases.HolderName }));
            case RpcMethods.ReaderAcquireLease:
                {
                    var request = Decode<LeaseRequest>(body);
                    var ttl = request.TtlMs is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
                    return Done(RpcReply.Of(_ctx.Leases.Acquire(Principal!, ClientName!, ttl, request.LeaseId)));
                }

            case RpcMethods.ReaderReleaseLease:
                return Done(RpcReply.Of(new Done(_ctx.Leases.Release(Principal!, Decode<LeaseReleaseRequest>(body).LeaseId))));
            case RpcMethods.TapStart:
                return StartTapAsync(Decode<TapStartRequest>(body), CancellableToken(envelope.Id, token));
            case RpcMethods.TapCancel:
                return Done(CancelTap(Decode<TapRef>(body)));
            case RpcMethods.TapGetResult:
                {
                    var request = Decode<TapResultRequest>(body);
                    if (request.WaitMs < 0 || request.WaitMs > _ctx.Options.MaxResultWaitMs)
                    {
                        throw new RpcFormatException(ErrorCode.InvalidParams, $"waitMs must be 0 to {_ctx.Options.MaxResultWaitMs}.");
                    }

                    return GetResultAsync(request, request.WaitMs > 0 ? CancellableToken(envelope.Id, token) : token);
                }

            case RpcMethods.TapPrintForm:
                return PrintFormAsync(Decode<PrintFormRequest>(body), CancellableToken(envelope.Id, token));
            case RpcMethods.EventsSubscribe:
                return Done(Subscribe(Decode<SubscribeRequest>(body)));
            case RpcMethods.EventsUnsubscribe:
                return Done(Unsubscribe(Decode<SubscribeRequest>(body)));
            case RpcMethods.JournalQuery:
                return Wrap(service.QueryJournalAsync(Decode<JournalQuery>(body), CancellableToken(envelope.Id, token)));
            case RpcMethods.JournalExport:
                return Wrap(service.ExportJournalAsync(Decode<JournalExportRequest>(body), CancellableToken(envelope.Id, token)));
            case RpcMethods.JournalMarkReconciled:
                return MarkReconciledAsync(Decode<MarkReconciledRequest>(body), CancellableToken(envelope.Id, token));
            case RpcMethods.DeviceGetInfo:
                Decode<Empty>(body);
                return Done(RpcReply.Of(service.GetDeviceInfo() with { CertificateFingerprint = _ctx.CertificateFingerprint }));
            case RpcMethods.TrustGetInfo:
                Decode<Empty>(body);
                return Done(RpcReply.Of(service.GetTrustInfo()));
            default:
                return Done(RpcReply.Error(RpcError.From(ErrorCode.MethodNotFound, $"No method '{envelope.Method}'.")));
        }
    }

    private static T Decode<T>(ReadOnlyMemory<byte> body) =>
        body.IsEmpty ? throw new RpcFormatException(ErrorCode.InvalidParams, "params must hold one map.") : ProtocolSerializer.Deserialize<T>(body);

    private static ValueTask<RpcReply> Done(RpcReply reply) => ValueTask.FromResult(reply);

    private static async ValueTask<RpcReply> Wrap<T>(ValueTask<T> pending) => RpcReply.Of(await pending.ConfigureAwait(false));

    private RpcReply Hello(HelloRequest request)
    {
        if (_helloDone)
        {
            return RpcReply.Error(RpcError.From(ErrorCode.InvalidRequest, "session.hello was already called on this connection."));
        }

        if (!ProtocolVersion.TryParse(request.Protocol, out var asked))
        {
            return RpcReply.Error(RpcError.From(ErrorCode.InvalidParams, "protocol must look like readerkit/1.0."));
        }

        if (ProtocolVersion.Negotiate(ProtocolVersion.Current, asked) is not { } agreed)
        {
            return RpcReply.Error(RpcError.From(ErrorCode.UnsupportedProtocol, "That protocol major version is not served.", new Dictionary<string, object?>
            {
                ["supported"] = new[] { ProtocolVersion.Current.ToString() },
            }));
        }

        var needToken = Transport == RpcTransport.Tls || _ctx.Options.RequireTokenOnUnixSocket;
        string principal;
        if (request.Token is { Length: > 0 } token)
        {
            if (_ctx.Tokens?.Verify(token) is not { } tokenName)
            {
                _closeAfterReply = true;
                return RpcReply.Error(RpcError.From(ErrorCode.Unauthorized, "The client token is not valid."));
            }

            principal = "token:" + tokenName;
        }
        else if (needToken)
        {
            _closeAfterReply = true;
            return RpcReply.Error(RpcError.From(ErrorCode.Unauthorized, "A client token is required on this connection."));
        }
        else
        {
            principal = "local:" + request.Client.Name;
        }

        Principal = principal;
        ClientName = request.Client.Name.Length <= ProtocolLimits.MaxIdentifierLength ? request.Client.Name : request.Client.Name[..ProtocolLimits.MaxIdentifierLength];
        _helloDone = true;
        var o = _ctx.Options;
        return RpcReply.Of(new HelloResult(
            agreed.ToString(),
            o.ServerName,
            Capabilities,
            new ServerLimits(o.MaxMessageBytes, o.MaxDepth, o.MaxInFlight, o.NotificationQueueLength, o.RequestsPerSecond, (int)o.HelloTimeout.TotalMilliseconds),
            Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private async ValueTask<RpcReply> StartTapAsync(TapStartRequest request, CancellationToken token)
    {
        using (request)
        {
            foreach (var field in request.Options.Fields)
            {
                if (!PersonalField.All.Contains(field))
                {
                    throw new RpcFormatException(ErrorCode.InvalidParams, $"Unknown field '{field}'.");
                }
            }

            _ctx.Leases.EnsureMayStartTap(Principal!);
            var tapId = TapRegistry.NewTapId();
            _ctx.Registry.Register(tapId, Principal!, request.Options.Fields);
            try
            {
                await _ctx.Service.StartTapAsync(tapId, request, token).ConfigureAwait(false);
            }
            catch
            {
                _ctx.Registry.Forget(tapId);
                throw;
            }

            return RpcReply.Of(new TapStarted(tapId, _ctx.Leases.LeaseOf(Principal!)));
        }
    }

    private RpcReply CancelTap(TapRef request)
    {
        var owner = _ctx.Registry.OwnerOf(request.TapId);
        if (owner is null)
        {
            return RpcReply.Error(RpcError.From(ErrorCode.RecordNotFound, "No such tap."));
        }

        if (owner != Principal)
        {
            return RpcReply.Error(RpcError.From(ErrorCode.Unauthorized, "Only the client that started a tap may cancel it."));
        }

        return RpcReply.Of(new Done(_ctx.Service.CancelTap(request.TapId)));
    }

    private async ValueTask<RpcReply> GetResultAsync(TapResultRequest request, CancellationToken token)
    {
        var reply = await _ctx.Registry.GetAsync(request.TapId, Principal!, TimeSpan.FromMilliseconds(request.WaitMs), token).ConfigureAwait(false);
        return reply is null
            ? RpcReply.Error(RpcError.From(ErrorCode.RecordNotFound, "No such tap, or its result is no longer kept."))
            : RpcReply.Of(reply);
    }

    /// <summary>Paperwork holds personal fields: only the tap's starter may print it, only once it finished, only with the fields they asked for.</summary>
    private async ValueTask<RpcReply> PrintFormAsync(PrintFormRequest request, CancellationToken token)
    {
        if (_ctx.Registry.Describe(request.TapId) is not { } tap)
        {
            return RpcReply.Error(RpcError.From(ErrorCode.RecordNotFound, "No such tap, or its result is no longer kept."));
        }

        if (tap.Principal != Principal)
        {
            return RpcReply.Error(RpcError.From(ErrorCode.Unauthorized, "Only the client that started a tap may print its paperwork."));
        }

        if (!tap.Finished)
        {
            return RpcReply.Error(RpcError.From(ErrorCode.ReaderBusy, "The tap has not finished."));
        }

        return RpcReply.Of(await _ctx.Service.PrintFormAsync(request, tap.Fields, token).ConfigureAwait(false));
    }

    private RpcReply Subscribe(SubscribeRequest request)
    {
        foreach (var topic in request.Topics)
        {
            if (!RpcNotifications.IsValidTopic(topic))
            {
                return RpcReply.Error(RpcError.From(ErrorCode.InvalidParams, $"Unknown topic '{topic}'."));
            }
        }

        lock (_topicsGate)
        {
            _topics.UnionWith(request.Topics);
            _hasTopics = _topics.Count > 0;
            return RpcReply.Of(new SubscribeResult(_topics.Order(StringComparer.Ordinal).ToList(), Interlocked.Read(ref _seq)));
        }
    }

    private RpcReply Unsubscribe(SubscribeRequest request)
    {
        lock (_topicsGate)
        {
            var removed = false;
            foreach (var topic in request.Topics)
            {
                removed |= _topics.Remove(topic);
            }

            _hasTopics = _topics.Count > 0;
            return RpcReply.Of(new Done(removed));
        }
    }

    private async ValueTask<RpcReply> MarkReconciledAsync(MarkReconciledRequest request, CancellationToken token) =>
        RpcReply.Of(new MarkReconciledResult(await _ctx.Service.MarkReconciledAsync(request.Ids, token).ConfigureAwait(false)));
}
