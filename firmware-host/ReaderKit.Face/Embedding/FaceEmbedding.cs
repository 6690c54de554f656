using Microsoft.ML.OnnxRuntime;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Embedding;

/// <summary>A face descriptor of one <see cref="DescriptorModel"/>.</summary>
public sealed record FaceEmbedding(float[] Vector)
{
    /// <summary>Name of the model that produced it (<see cref="DescriptorModel.Name"/>).</summary>
    public string Model { get; init; } = DescriptorModel.Dlib.Name;

    /// <summary>Cosine similarity in [−1, 1]; identical descriptors give 1.</summary>
    public double CosineSimilarity(FaceEmbedding other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Vector.Length != Vector.Length)
        {
            throw new ArgumentException("descriptor lengths differ", nameof(other));
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < Vector.Length; i++)
        {
            dot += (double)Vector[i] * other.Vector[i];
            na += (double)Vector[i] * Vector[i];
            nb += (double)other.Vector[i] * other.Vector[i];
        }

        return na <= 0 || nb <= 0 ? 0 : Math.Clamp(dot / Math.Sqrt(na * nb), -1, 1);
    }
}
