using ReaderKit.Protocol;

namespace ReaderKit.Sdk;

/// <summary>Face and camera: <c>FaceNotMatched</c>, <c>PresentationAttackSuspected</c>, <c>FaceCheckInconclusive</c>, <c>FaceNotChecked</c>, <c>CameraUnavailable</c>, <c>FaceModelsUnavailable</c>, <c>StaffConfirmationRefused</c>.</summary>
public sealed class ReaderKitFaceException : ReaderKitException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ReaderKitFaceException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ReaderKitFaceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the exception that caused it.</summary>
    public ReaderKitFaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the error object the host answered with.</summary>
    public ReaderKitFaceException(RpcError error)
        : base(error)
    {
    }
}
