namespace ReaderKit.Face.Camera;

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
