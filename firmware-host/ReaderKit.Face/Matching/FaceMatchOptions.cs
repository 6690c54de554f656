using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Matching;

/// <summary>Matching configuration. Defaults come from the measurements in the README.</summary>
public sealed record FaceMatchOptions
{
    /// <summary>
    /// Per-frame FMR ≈ 0.1 % threshold of the default dlib + faceres fusion (pooled evaluation sets, chip-like JPEG 2000
    /// enrolment; README "Decisions per transaction"), in impostor standard deviations.
    /// </summary>
    public const double FusedThresholdDefault = 2.51;

    /// <summary>Transaction-level FMR ≈ 0.1 % threshold of the default fusion with the default <see cref="TransactionRule"/>.</summary>
    public const double TransactionThresholdDefault = 2.55;

    /// <summary>Per-frame FMR ≈ 0.1 % threshold of the dlib + faceplugin fusion (same sets and enrolment as the default's).</summary>
    public const double DlibFacepluginThreshold = 2.79;

    /// <summary>Transaction-level FMR ≈ 0.1 % threshold of the dlib + faceplugin fusion with the default <see cref="TransactionRule"/>.</summary>
    public const double DlibFacepluginTransactionThreshold = 2.82;

    /// <summary>
    /// The best-measured configuration: dlib + faceplugin (equal weights) with its own thresholds — FNMR at FMR 0.1 % 8.8 % per
    /// transaction against 13.5 % for the default (README "Descriptor bake-off"). Not the default: it needs
    /// <c>faceplugin_feature.onnx</c> in the model folder (build-models.sh) and the open points listed there.
    /// </summary>
    public static FaceMatchOptions DlibFaceplugin { get; } = new()
    {
        Descriptors = [DescriptorModel.Dlib, DescriptorModel.Faceplugin],
        Threshold = DlibFacepluginThreshold,
        TransactionThreshold = DlibFacepluginTransactionThreshold,
    };

    /// <summary>
    /// Per-frame score threshold at or above which two faces match (<see cref="FaceMatcher.Compare"/>), in the units of
    /// <see cref="Descriptors"/>' score: a cosine for one model (dlib alone: 0.94 ≈ FMR 0.1 %), impostor standard deviations
    /// for a fusion. Default: <see cref="FusedThresholdDefault"/> for the default fusion. Set it together with
    /// <see cref="Descriptors"/>.
    /// </summary>
    public double Threshold { get; init; } = FusedThresholdDefault;

    /// <summary>
    /// Threshold for <see cref="TransactionRule.Score"/> results (<see cref="Transaction"/>), set for the transaction-level FMR
    /// (README "Decisions per transaction").
    /// </summary>
    public double TransactionThreshold { get; init; } = TransactionThresholdDefault;

    /// <summary>How the frames of one transaction become one score (default: mean of the best 3 of at least 3 usable frames).</summary>
    public TransactionRule Transaction { get; init; } = new();

    /// <summary>
    /// Descriptor model(s) compared; two or more are fused at score level (<see cref="DescriptorFusion"/>), which changes the
    /// units of <see cref="Threshold"/> from a cosine to impostor standard deviations. Default: dlib + faceres (README
    /// "Descriptor bake-off": FNMR at FMR 0.1 % 18 → 13.5 % per transaction for ≈ 2× the embed time).
    /// </summary>
    public IReadOnlyList<DescriptorModel> Descriptors { get; init; } = [DescriptorModel.Dlib, DescriptorModel.FaceRes];

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
