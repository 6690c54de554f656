namespace ReaderKit.Face.Embedding;

/// <summary>
/// The comparison score of two faces described by the same list of <see cref="DescriptorModel"/>s. One model: its cosine
/// similarity (unchanged units). Two or more (score-level fusion): the <see cref="DescriptorModel.FusionWeight"/>-weighted mean
/// over models of the impostor-normalised cosine <c>(cos − ImpostorMean) / ImpostorStd</c>, so each model contributes in units
/// of its own impostor spread.
/// </summary>
public static class DescriptorFusion
{
    /// <summary>Score of <paramref name="a"/> against <paramref name="b"/>; both list one descriptor per model, in model order.</summary>
    public static double Score(IReadOnlyList<DescriptorModel> models, IReadOnlyList<FaceEmbedding> a, IReadOnlyList<FaceEmbedding> b)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (models.Count == 0 || a.Count != models.Count || b.Count != models.Count)
        {
            throw new ArgumentException($"need one descriptor per model on both sides ({models.Count} models, {a.Count} and {b.Count} descriptors)");
        }

        if (models.Count == 1)
        {
            return a[0].CosineSimilarity(b[0]);
        }

        double sum = 0, weights = 0;
        for (var i = 0; i < models.Count; i++)
        {
            sum += models[i].FusionWeight * Normalise(models[i], a[i].CosineSimilarity(b[i]));
            weights += models[i].FusionWeight;
        }

        return sum / weights;
    }

    /// <summary>
    /// The lowest threshold a matcher accepts for <paramref name="models"/>: about FMR 1 % if impostor scores were normal
    /// (2.33 impostor standard deviations above the impostor mean; for dlib alone 0.932, measured FMR 1 % point 0.924).
    /// A threshold below it — e.g. a cosine such as 0.94 given to the fused score — would accept far too many impostors.
    /// </summary>
    public static double MinimumThreshold(IReadOnlyList<DescriptorModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        const double z = 2.33;
        return models.Count == 1 ? models[0].ImpostorMean + (z * models[0].ImpostorStd) : z;
    }

    /// <summary>A cosine of <paramref name="model"/> in impostor standard deviations above its impostor mean.</summary>
    public static double Normalise(DescriptorModel model, double cosine)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (cosine - model.ImpostorMean) / model.ImpostorStd;
    }
}
