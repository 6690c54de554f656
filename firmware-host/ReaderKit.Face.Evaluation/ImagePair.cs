using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Evaluation;

/// <summary>The two images of one compared pair (paths relative to the subset: <c>identity/file</c>).</summary>
public sealed record ImagePair(string Enrolment, string Live);
