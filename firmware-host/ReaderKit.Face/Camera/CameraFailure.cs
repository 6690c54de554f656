namespace ReaderKit.Face.Camera;

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
