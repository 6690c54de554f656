using ReaderKit.Face.Imaging;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Liveness;

/// <summary>One replayed frame: file name, whether it decoded and had a face FaceMesh confirmed, and what was measured.</summary>
public sealed record ChallengeReplayFrame(string File, string Status, ChallengeMeasurement? Measurement, double MeshConfidence, int MeshRuns);
