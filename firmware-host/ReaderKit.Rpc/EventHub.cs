using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ReaderKit.Protocol.Events;

namespace ReaderKit.Rpc;

/// <summary>
/// The server's one sink on the reader service: records tap results, then offers each event to every subscribed
/// connection's bounded queue. Never blocks and never throws back into the reader loop.
/// </summary>
internal sealed partial class EventHub : IReaderEventSink
{
    private readonly ConcurrentDictionary<long, RpcSession> _sessions = new();
    private readonly TapRegistry _registry;
    private readonly ILogger _logger;

    public EventHub(TapRegistry registry, ILogger logger)
    {
        _registry = registry;
        _logger = logger;
    }

    public int Count => _sessions.Count;

    public void Add(RpcSession session) => _sessions[session.Id] = session;

    /// <summary>Removes a session; true when no other session of the same principal remains.</summary>
    public bool Remove(RpcSession session)
    {
        _sessions.TryRemove(session.Id, out _);
        return session.Principal is null || !_sessions.Values.Any(s => s.Principal == session.Principal);
    }

    public void OnEvent(ReaderEvent readerEvent)
    {
        try
        {
            if (readerEvent is TapResultEvent result)
            {
                _registry.OnResult(result);
            }

            foreach (var session in _sessions.Values)
            {
                session.Offer(readerEvent, _registry);
            }
        }
#pragma warning disable CA1031 // The reader loop must never see an exception from the RPC layer.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogDeliveryFailed(_logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "rpc: event delivery failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception);
}
