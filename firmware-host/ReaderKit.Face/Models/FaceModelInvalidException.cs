namespace ReaderKit.Face.Models;

/// <summary>
/// Thrown when a model file exists but is not the expected model: ONNX Runtime cannot load it, or its inputs/outputs do not
/// have the documented names and shapes (a truncated file, a different model under the expected name, a converter change).
/// </summary>
public sealed class FaceModelInvalidException : Exception
{
    public FaceModelInvalidException(string message)
        : base(message)
    {
    }

    public FaceModelInvalidException()
    {
    }

    public FaceModelInvalidException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
