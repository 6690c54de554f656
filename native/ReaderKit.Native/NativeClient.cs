using System.Threading.Channels;
using ReaderKit.Protocol.Events;
using ReaderKit.Sdk;

namespace ReaderKit.Native;

/// <summary>
/// <c>readerkit_client</c>: one <see cref="ReaderKitClient"/>, an event pump that starts at connect (so no event of a
/// subscription is missed), a bounded queue for <c>readerkit_wait_event</c>, and the optional callback.
/// </summary>
internal sealed class NativeClient : IAsyncDisposable
{
    private const int QueueLength = 1024;
    private static readonly TimeSpan LivenessSlice = TimeSpan.FromMilliseconds(50);
    [ThreadStatic]
    private static NativeClient? _inCallback;

    private readonly Channel<ReaderEvent> _queue = Channel.CreateBounded<ReaderEvent>(new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _callbackGate = new();
    private readonly Task _pump;
    private nint _callback;
    private nint _callbackUser;

    public NativeClient(NativeContext context, ReaderKitClient client, bool autoReconnect)
    {
        Context = context;
        Client = client;
        AutoReconnect = autoReconnect;
        var events = client.ReadEventsAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);
        var first = events.MoveNextAsync(); // registers the event buffer now, before any subscription
        _pump = PumpAsync(events, first);
    }

    public NativeContext Context { get; }

    public ReaderKitClient Client { get; }

    public bool AutoReconnect { get; }

    /// <summary>This client's own handle (passed to the callback).</summary>
    public nint Handle { get; set; }

    /// <summary>True on the thread running this client's callback (disconnecting from there would wait for itself).</summary>
    public bool IsInOwnCallback => ReferenceEquals(_inCallback, this);

    /// <summary>Fails with <c>ConnectionLost</c> when the connection is down and will not come back by itself.</summary>
    public void EnsureUsable()
    {
        if (!AutoReconnect && !Client.IsConnected)
        {
            throw new ReaderKitConnectionException("The connection to the ReaderKit host was lost.");
        }
    }

    /// <summary>Sets (or with 0 clears) the callback; returns once no callback is running on another thread.</summary>
    public void SetCallback(nint callback, nint user)
    {
        lock (_callbackGate)
        {
            _callback = callback;
            _callbackUser = user;
        }
    }

    /// <summary>The next queued event; null when <paramref name="timeout"/> passed (infinite when negative).</summary>
    public async Task<ReaderEvent?> WaitAsync(TimeSpan timeout)
    {
        var deadline = timeout < TimeSpan.Zero ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (true)
        {
            if (_queue.Reader.TryRead(out var next))
            {
                return next;
            }

            EnsureUsable();
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            // Wait in slices so a connection that dies (without reconnect) ends the wait early.
            using var slice = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            slice.CancelAfter(left < LivenessSlice ? left : LivenessSlice);
            try
            {
                await _queue.Reader.WaitToReadAsync(slice.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
            {
            }

            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Client.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _queue.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task PumpAsync(IAsyncEnumerator<ReaderEvent> events, ValueTask<bool> first)
    {
        try
        {
            var more = await first.ConfigureAwait(false);
            while (more)
            {
                Deliver(events.Current);
                more = await events.MoveNextAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    private unsafe void Deliver(ReaderEvent readerEvent)
    {
        lock (_callbackGate)
        {
            if (_callback != 0)
            {
                var borrowed = new NativeEvent(readerEvent, borrowed: true);
                var handle = HandleTable.Add(borrowed);
                _inCallback = this;
                try
                {
                    ((delegate* unmanaged<nint, nint, nint, void>)_callback)(Handle, handle, _callbackUser);
                }
                finally
                {
                    _inCallback = null;
                    HandleTable.Forget(handle);
                }

                return;
            }
        }

        if (!_queue.Writer.TryWrite(readerEvent))
        {
            // Full: drop the oldest and say that something was lost (the application re-reads the status).
            _queue.Reader.TryRead(out _);
            _queue.Writer.TryWrite(new EventGapEvent(GapReason.LocalOverflow, 0, readerEvent.Seq) { TsMs = readerEvent.TsMs });
        }
    }
}
