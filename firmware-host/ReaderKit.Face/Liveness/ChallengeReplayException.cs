using ReaderKit.Face.Imaging;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Liveness;

/// <summary>Thrown when a challenge-replay folder cannot be used (missing, or no image files).</summary>
public sealed class ChallengeReplayException : Exception
{
    public ChallengeReplayException(string message)
        : base(message)
    {
    }

    public ChallengeReplayException()
    {
    }

    public ChallengeReplayException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
