namespace ReaderKit.Face.Camera;

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
