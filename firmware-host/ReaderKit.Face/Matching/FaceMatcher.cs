using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Matching;

/// <summary>Compares a chip photo with live frames using one <see cref="FaceAnalyzer"/>.</summary>
public sealed class FaceMatcher
{
    private readonly FaceAnalyzer _analyzer;

    /// <exception cref="ArgumentOutOfRangeException">
    /// The analyzer's <see cref="FaceMatchOptions.Threshold"/> or <see cref="FaceMatchOptions.TransactionThreshold"/> is not a
    /// number or lies below <see cref="DescriptorFusion.MinimumThreshold"/> for its descriptors (fail closed: a threshold in the
    /// wrong units must not turn into an accept-almost-anyone matcher).
    /// </exception>
    public FaceMatcher(FaceAnalyzer analyzer)
    {
        _analyzer = analyzer ?? throw new ArgumentNullException(nameof(analyzer));
        var floor = DescriptorFusion.MinimumThreshold(analyzer.Options.Descriptors);
        foreach (var (name, value) in new[] { ("Threshold", analyzer.Options.Threshold), ("TransactionThreshold", analyzer.Options.TransactionThreshold) })
        {
            if (!double.IsFinite(value) || value < floor)
            {
                throw new ArgumentOutOfRangeException(nameof(analyzer), value, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"face match {name} {value} is below {floor:0.###}, the minimum for descriptors {string.Join("+", analyzer.Options.Descriptors.Select(d => d.Name))} (score units: {(analyzer.Options.Descriptors.Count == 1 ? "cosine" : "impostor standard deviations")})"));
            }
        }
    }

    /// <summary>Analyses the enrolment photo once, for comparison with several live frames.</summary>
    public FaceAnalysis Enrol(FaceImage chipPhoto) => _analyzer.Analyze(chipPhoto, FaceImageRole.Enrolment);

    /// <summary>Compares an analysed enrolment photo with a live frame.</summary>
    public FaceMatchResult Compare(FaceAnalysis enrolment, FaceImage liveFrame)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        var threshold = _analyzer.Options.Threshold;
        var live = _analyzer.Analyze(liveFrame, FaceImageRole.Live);
        if (!enrolment.IsUsable)
        {
            return new FaceMatchResult(FaceMatchDecision.EnrolmentUnusable, null, threshold, enrolment, live);
        }

        if (!live.IsUsable)
        {
            return new FaceMatchResult(FaceMatchDecision.LiveUnusable, null, threshold, enrolment, live);
        }

        var score = _analyzer.Score(enrolment, live);
        return new FaceMatchResult(score >= threshold ? FaceMatchDecision.Match : FaceMatchDecision.NoMatch, score, threshold, enrolment, live);
    }

    /// <summary>
    /// The transaction decision over already analysed live frames of one tracked face (<see cref="FaceMatchOptions.Transaction"/>
    /// rule; frames that are not usable count as failed frames). Compare <see cref="TransactionScore.Matches"/> with
    /// <see cref="FaceMatchOptions.TransactionThreshold"/>. An unusable enrolment gives no score.
    /// </summary>
    public TransactionScore ScoreTransaction(FaceAnalysis enrolment, IReadOnlyList<FaceAnalysis> liveFrames)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        ArgumentNullException.ThrowIfNull(liveFrames);
        return _analyzer.Options.Transaction.Score(ScoreFrames(enrolment, liveFrames));
    }

    /// <summary>
    /// The single-frame score of each of <paramref name="liveFrames"/> against <paramref name="enrolment"/>, in order (the inputs of
    /// <see cref="ScoreTransaction"/>); <see langword="null"/> for a frame that is not usable, and for every frame when the
    /// enrolment is not usable.
    /// </summary>
    public IReadOnlyList<double?> ScoreFrames(FaceAnalysis enrolment, IReadOnlyList<FaceAnalysis> liveFrames)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        ArgumentNullException.ThrowIfNull(liveFrames);
        return liveFrames.Select(f => enrolment.IsUsable && f.IsUsable ? _analyzer.Score(enrolment, f) : (double?)null).ToList();
    }
}
