namespace ReaderKit.Face.Models;

/// <summary>Thrown when the converted ONNX models are not where they should be (build them with <c>build-models.sh</c>).</summary>
public sealed class FaceModelsMissingException : Exception
{
    public FaceModelsMissingException(string message)
        : base(message)
    {
    }

    public FaceModelsMissingException()
    {
    }

    public FaceModelsMissingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
