using ReaderKit.Face.Imaging;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Liveness;

/// <summary>Per-frame measurements of a replayed capture and the challenge verdict.</summary>
public sealed record ChallengeReplayResult(IReadOnlyList<ChallengeReplayFrame> Frames, PadCheckResult Result);
