namespace ReaderKit.Face.Embedding;

/// <summary>
/// The comparison score of two faces described by the same list of <see cref="DescriptorModel"/>s. One model: its cosine
/// similarity (unchanged units). Two or more (score-level fusion): the mean over models of the impostor-normalised cosine
/// <c>(cos − ImpostorMean) / ImpostorStd</c>, so each model contributes in units of its own impostor spread.
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

        double sum = 0;
        for (var i = 0; i < models.Count; i++)
        {
            sum += Normalise(models[i], a[i].CosineSimilarity(b[i]));
        }

        return sum / models.Count;
    }

    /// <summary>A cosine of <paramref name="model"/> in impostor standard deviations above its impostor mean.</summary>
    public static double Normalise(DescriptorModel model, double cosine)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (cosine - model.ImpostorMean) / model.ImpostorStd;
    }
}
