namespace ReaderKit.Face.Camera;

/// <summary>One encoded camera frame (JPEG from MJPEG sources; JPEG/PNG from files), decoded later by the pipeline.</summary>
public sealed record CameraFrame(byte[] EncodedImage, long Sequence, DateTimeOffset CapturedAt);

/// <summary>Why a camera cannot deliver frames.</summary>
public enum CameraFailure
{
    /// <summary>The camera program or device does not exist.</summary>
    NotFound,

    /// <summary>The device failed to open or stopped with an error.</summary>
    DeviceError,

    /// <summary>The camera process exited (crash, cable pulled, camera busy).</summary>
    ProcessExited,

    /// <summary>No frame arrived within the frame timeout.</summary>
    NoFrameWithinTimeout,

    /// <summary>A finite source (file sequence) has no more frames.</summary>
    EndOfStream,

    /// <summary>The source was disposed or never started.</summary>
    NotRunning,
}

/// <summary>A camera died, is missing, or stayed silent past its timeout. Reading never hangs instead.</summary>
public sealed class CameraUnavailableException : Exception
{
    public CameraUnavailableException(CameraFailure failure, string message, Exception? inner = null)
        : base(message, inner) => Failure = failure;

    public CameraUnavailableException()
    {
    }

    public CameraUnavailableException(string message)
        : base(message)
    {
    }

    public CameraUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CameraFailure Failure { get; }
}

/// <summary>Buffering and timeout settings shared by the frame sources.</summary>
public sealed record FrameSourceOptions
{
    /// <summary>Frames kept for a slow reader; older frames are dropped first (the newest frame is what matters).</summary>
    public int Capacity { get; init; } = 2;

    /// <summary>Longest wait for a frame before <see cref="CameraFailure.NoFrameWithinTimeout"/> (the camera's start-up included).</summary>
    public TimeSpan FrameTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Clock for timeouts and pacing.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>
/// A camera or replayed frame sequence. Frames flow through a bounded buffer; <see cref="ReadFrameAsync"/> throws
/// <see cref="CameraUnavailableException"/> when the source dies or yields nothing within the frame timeout.
/// </summary>
public interface IFrameSource : IAsyncDisposable
{
    /// <summary>Human-readable description (device, command) for logs.</summary>
    string Description { get; }

    /// <summary>Starts capturing; throws <see cref="CameraUnavailableException"/> when the camera cannot be opened.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>The next buffered frame (the oldest one kept).</summary>
    ValueTask<CameraFrame> ReadFrameAsync(CancellationToken cancellationToken);
}
