using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReaderKit.Host.Reader;

/// <summary>
/// Fans reader events out to subscribers, each with its own bounded queue that drops its oldest event when full, so a
/// slow subscriber (an RPC client on a bad link) never stalls the reader loop; it sees a gap in
/// <see cref="ReaderEvent.Sequence"/> instead.
/// </summary>
/// <param name="log">Where a listener's failure is reported (warning, event 510); none by default.</param>
public sealed partial class ReaderEventHub(ILogger<ReaderEventHub>? log = null)
{
    private readonly ILogger _log = log ?? (ILogger)NullLogger.Instance;
    private readonly Lock _gate = new();
    private readonly List<Channel<ReaderEvent>> _subscribers = [];
    private readonly List<Action<ReaderEvent>> _listeners = [];
    private long _sequence;

    /// <summary>The next sequence number (for publishers).</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Subscribes; dispose the returned handle to stop.</summary>
    public Subscription Subscribe(int capacity = 256)
    {
        var channel = Channel.CreateBounded<ReaderEvent>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    /// <summary>
    /// Adds a listener called synchronously, in publication order, on the publisher's thread (the reader loop): it must
    /// not block (copy the event into its own bounded queue); an exception it throws is logged and goes no further, so it
    /// can never stop the loop or the listeners after it. Dispose the returned handle to remove it.
    /// </summary>
    public IDisposable Listen(Action<ReaderEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners.Add(listener);
        }

        return new Listener(this, listener);
    }

    /// <summary>Publishes to every subscriber and listener without waiting.</summary>
    public void Publish(ReaderEvent e)
    {
        lock (_gate)
        {
            foreach (var s in _subscribers)
            {
                s.Writer.TryWrite(e);
            }

            foreach (var l in _listeners)
            {
                try
                {
                    l(e);
                }
#pragma warning disable CA1031 // a listener's failure must never reach the reader loop
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogListenerFailed(_log, e.Kind, e.Sequence, ex);
                }
            }
        }
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "A reader event listener failed on {Kind} event {Sequence}")]
    private static partial void LogListenerFailed(ILogger logger, ReaderEventKind kind, long sequence, Exception exception);

    private void Remove(Channel<ReaderEvent> channel)
    {
        lock (_gate)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    private sealed class Listener(ReaderEventHub hub, Action<ReaderEvent> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (hub._gate)
            {
                hub._listeners.Remove(listener);
            }
        }
    }

    /// <summary>One subscriber's queue.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly ReaderEventHub _hub;
        private readonly Channel<ReaderEvent> _channel;

        internal Subscription(ReaderEventHub hub, Channel<ReaderEvent> channel)
        {
            _hub = hub;
            _channel = channel;
        }

        /// <summary>The events, in order.</summary>
        public ChannelReader<ReaderEvent> Reader => _channel.Reader;

        /// <inheritdoc />
        public void Dispose() => _hub.Remove(_channel);
    }
}
