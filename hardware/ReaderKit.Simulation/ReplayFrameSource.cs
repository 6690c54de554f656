using ReaderKit.Face.Camera;

namespace ReaderKit.Simulation;

/// <summary>
/// A camera that replays rendered JPEG frames in a loop at a fixed rate, as a UVC camera delivers them: the production
/// face pipeline reads it through <see cref="IFrameSource"/> like any other camera.
/// </summary>
public sealed class ReplayFrameSource : IFrameSource
{
    private readonly IReadOnlyList<byte[]> _frames;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private long _sequence;
    private bool _started;
    private bool _disposed;

    /// <param name="frames">Encoded frames (at least one), replayed in order and looped.</param>
    /// <param name="framesPerSecond">Delivery rate; 0 delivers at once.</param>
    /// <param name="description">For logs.</param>
    /// <param name="time">Clock for pacing.</param>
    public ReplayFrameSource(IReadOnlyList<byte[]> frames, double framesPerSecond, string description, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfZero(frames.Count);
        _frames = frames;
        _interval = framesPerSecond > 0 ? TimeSpan.FromSeconds(1 / framesPerSecond) : TimeSpan.Zero;
        _time = time ?? TimeProvider.System;
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _started = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken)
    {
        if (_disposed || !_started)
        {
            throw new CameraUnavailableException(CameraFailure.NotRunning, "The simulated camera is not running.");
        }

        if (_interval > TimeSpan.Zero)
        {
            await Task.Delay(_interval, _time, cancellationToken).ConfigureAwait(false);
        }

        var n = Interlocked.Increment(ref _sequence) - 1;
        return new CameraFrame(_frames[(int)(n % _frames.Count)], n, _time.GetUtcNow());
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}
