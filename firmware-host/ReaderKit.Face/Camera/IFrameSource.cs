namespace ReaderKit.Face.Camera;

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
