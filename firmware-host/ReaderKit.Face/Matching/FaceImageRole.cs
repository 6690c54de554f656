using Microsoft.ML.OnnxRuntime;
using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Models;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Matching;

/// <summary>Which side of a comparison an image is: it selects the quality gates and colour handling.</summary>
public enum FaceImageRole
{
    /// <summary>The reference photo (the chip photo, greyscale).</summary>
    Enrolment,

    /// <summary>A live camera frame.</summary>
    Live,
}
