using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Evaluation;

/// <summary>Thrown when an evaluation folder is unusable (missing, no identities, or no genuine/impostor pairs).</summary>
public sealed class FaceEvaluationException : Exception
{
    public FaceEvaluationException(string message)
        : base(message)
    {
    }

    public FaceEvaluationException()
    {
    }

    public FaceEvaluationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
