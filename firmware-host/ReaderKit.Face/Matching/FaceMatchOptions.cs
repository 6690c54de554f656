using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Matching;

/// <summary>How the live frame is fed to the embedder, given that the chip photo is greyscale.</summary>
public enum LiveColourMode
{
    /// <summary>Convert the live frame to grey before embedding (grey vs grey).</summary>
    Greyscale,

    /// <summary>Embed the live frame in colour (colour vs grey).</summary>
    Colour,
}

/// <summary>Matching configuration. Defaults come from the measurements in the README.</summary>
public sealed record FaceMatchOptions
{
    /// <summary>
    /// Cosine-similarity threshold at or above which two faces match. Default 0.94: about FMR 0.1 % on the evaluation
    /// sets in the README (dlib descriptors of different people still score ~0.85 on average, so the range is narrow).
    /// </summary>
    public double Threshold { get; init; } = 0.94;

    /// <summary>
    /// Descriptor model(s) compared; two or more are fused at score level (<see cref="DescriptorFusion"/>), which changes the
    /// units of <see cref="Threshold"/> from a cosine to impostor standard deviations.
    /// </summary>
    public IReadOnlyList<DescriptorModel> Descriptors { get; init; } = [DescriptorModel.Dlib];

    /// <summary>Colour handling of the live frame. Colour-to-grey measured better than grey-to-grey (README), so colour is the default.</summary>
    public LiveColourMode LiveColour { get; init; } = LiveColourMode.Colour;

    /// <summary>Quality gates for the live frame.</summary>
    public FaceQualityOptions LiveQuality { get; init; } = new();

    /// <summary>
    /// Quality gates for the enrolment (chip) photo: no closed-eye gate and a lower sharpness floor, because the chip photo is a
    /// small, heavily compressed JPEG 2000 that the holder cannot retake at the reader.
    /// </summary>
    public FaceQualityOptions EnrolmentQuality { get; init; } = new() { MinEyeOpenness = 0, MinSharpness = 5 };

    /// <summary>Detector post-processing.</summary>
    public BlazeFaceOptions Detector { get; init; } = new();

    /// <summary>ONNX Runtime intra-op threads per session (1 keeps latency predictable on a Pi next to the NFC loop).</summary>
    public int IntraOpThreads { get; init; } = 1;
}
