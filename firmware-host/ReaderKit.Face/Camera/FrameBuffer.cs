using System.Threading.Channels;

namespace ReaderKit.Face.Camera;

/// <summary>
/// The bounded frame channel behind every source (the file sequence here, the camera adapters in
/// <c>ReaderKit.Tap.Devices</c>): writer side for the capture loop, timed reads for consumers.
/// </summary>
public sealed class FrameBuffer
{
    private readonly Channel<CameraFrame> _channel;
    private readonly FrameSourceOptions _options;
    private readonly string _description;
    private long _sequence;

    public FrameBuffer(FrameSourceOptions options, string description, bool dropOldest = true)
    {
        _options = options;
        _description = description;
        _channel = Channel.CreateBounded<CameraFrame>(new BoundedChannelOptions(Math.Max(1, options.Capacity))
        {
            FullMode = dropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleWriter = true,
            SingleReader = false,
        });
    }

    public CameraFrame Stamp(byte[] encoded) =>
        new(encoded, Interlocked.Increment(ref _sequence), _options.TimeProvider.GetUtcNow());

    /// <summary>Adds a frame, dropping the oldest when full (real-time sources).</summary>
    public bool TryWrite(byte[] encoded) => _channel.Writer.TryWrite(Stamp(encoded));

    /// <summary>Adds a frame, waiting for room (replay sources that must not lose frames).</summary>
    public ValueTask WriteAsync(byte[] encoded, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(Stamp(encoded), cancellationToken);

    /// <summary>Ends the stream: readers drain buffered frames, then get <paramref name="error"/>.</summary>
    public void Complete(CameraUnavailableException error) => _channel.Writer.TryComplete(error);

    public async ValueTask<CameraFrame> ReadAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.FrameTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _channel.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CameraUnavailableException(
                CameraFailure.NoFrameWithinTimeout, $"{_description}: no frame within {_options.FrameTimeout.TotalSeconds:0.###} s");
        }
        catch (ChannelClosedException e)
        {
            throw e.InnerException as CameraUnavailableException
                ?? new CameraUnavailableException(CameraFailure.NotRunning, $"{_description}: stream closed", e);
        }
    }
}
