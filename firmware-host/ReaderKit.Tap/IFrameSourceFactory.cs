using ReaderKit.Face.Camera;

namespace ReaderKit.Tap;

/// <summary>
/// Opens the camera for one tap (a Pi camera process, a UVC device, a replayed frame directory, the virtual camera).
/// No factory means no camera: the tap reports the face as not checked, never as accepted. The tap disposes the source.
/// </summary>
public interface IFrameSourceFactory
{
    /// <summary>What the camera is, for messages.</summary>
    string Description { get; }

    /// <summary>Creates a frame source (not yet started).</summary>
    /// <exception cref="CameraUnavailableException">The camera does not exist or cannot be opened.</exception>
    IFrameSource Open();
}
