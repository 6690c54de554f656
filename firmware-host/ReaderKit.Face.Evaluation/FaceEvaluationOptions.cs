using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Evaluation;

/// <summary>Settings of a <see cref="FaceEvaluation"/> run.</summary>
public sealed record FaceEvaluationOptions
{
    /// <summary>Turn the enrolment side into a card-like chip photo: greyscale JPEG 2000 portrait, encoded and decoded again.</summary>
    public bool Jpeg2000Enrolment { get; init; }

    /// <summary>Width of the simulated chip portrait, pixels (the card photo is 240×320, portrait).</summary>
    public int ChipWidth { get; init; } = 240;

    /// <summary>Height of the simulated chip portrait, pixels.</summary>
    public int ChipHeight { get; init; } = 320;

    /// <summary>JPEG 2000 compression ratio of the simulated chip photo (30:1 gives ~2.6 KB at 240×320 grey).</summary>
    public float ChipCompressionRatio { get; init; } = 30f;

    /// <summary>Bootstrap resamples for the confidence intervals.</summary>
    public int BootstrapRounds { get; init; } = 1000;

    /// <summary>
    /// Images whose longer side is below this many pixels (tightly cropped sets such as LFW-Aligned-100Pair at 100 px) are
    /// centred on a mid-grey canvas <see cref="SmallImageCanvas"/>× their size, so the detector sees a whole head in context.
    /// </summary>
    public int SmallImageSide { get; init; } = 160;

    /// <summary>Canvas factor for small images.</summary>
    public int SmallImageCanvas { get; init; } = 3;

    /// <summary>Live frames per transaction (1 = per-frame evaluation; more = <see cref="LiveFrameSimulator"/> frames).</summary>
    public int TransactionFrames { get; init; } = 1;

    /// <summary>How the frames of a transaction become one score (used when <see cref="TransactionFrames"/> &gt; 1).</summary>
    public TransactionRule Rule { get; init; } = new();

    /// <summary>Seed of the simulated frames.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Descriptor configurations to score (each a subset of the analyzer's <see cref="FaceMatchOptions.Descriptors"/>; two or
    /// more models = score fusion). Default: the analyzer's own configuration only.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<DescriptorModel>>? Configurations { get; init; }

    /// <summary>
    /// More transaction rules scored on the same transactions as <see cref="Rule"/> (one row set per configuration and rule,
    /// named <c>configuration [best K]</c>). A transaction's usability is decided by <see cref="Rule"/>'s
    /// <see cref="TransactionRule.MinUsableFrames"/> for all of them, so every rule sees the same pairs. Ignored per frame.
    /// </summary>
    public IReadOnlyList<int> CompareBestK { get; init; } = [];
}
