using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Face and camera: <c>FaceNotMatched</c>, <c>PresentationAttackSuspected</c>, <c>FaceCheckInconclusive</c>, <c>FaceNotChecked</c>, <c>CameraUnavailable</c>, <c>FaceModelsUnavailable</c>, <c>StaffConfirmationRefused</c>.</summary>
public sealed class ReaderKitFaceException : ReaderKitException
{
    public ReaderKitFaceException()
    {
    }

    public ReaderKitFaceException(string message)
        : base(message)
    {
    }

    public ReaderKitFaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReaderKitFaceException(RpcError error)
        : base(error)
    {
    }
}
