using Microsoft.ML.OnnxRuntime;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Embedding;

/// <summary>A face descriptor (128 floats from the dlib ResNet).</summary>
public sealed record FaceEmbedding(float[] Vector)
{
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

/// <summary>
/// The face-api / dlib ResNet descriptor on ONNX Runtime: a 150×150 RGB chip as NHWC float 0..255 (the mean subtraction and
/// /255 are inside the converted graph), 128-d output. Input and output tensors are allocated once and bound to the session.
/// Not thread-safe for concurrent calls on one instance (the buffers are reused).
/// </summary>
public sealed class FaceEmbedder : IDisposable
{
    /// <summary>Chip side the model expects.</summary>
    public const int ChipSize = 150;

    private readonly InferenceSession _session;
    private readonly float[] _input = new float[ChipSize * ChipSize * 3];
    private readonly float[] _output;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly RunOptions _runOptions = new();

    public FaceEmbedder(string modelPath, SessionOptions sessionOptions)
    {
        _session = new InferenceSession(modelPath, sessionOptions);
        OrtValue? input = null;
        try
        {
            var (outputName, outputMeta) = _session.OutputMetadata.Single();
            var length = outputMeta.Dimensions.Aggregate(1, (a, d) => d > 0 ? a * d : throw new InvalidOperationException(
                $"embedding output '{outputName}' has a dynamic shape [{string.Join(",", outputMeta.Dimensions)}]"));
            _output = new float[length];
            _inputNames = [_session.InputMetadata.Keys.Single()];
            _outputNames = [outputName];
            input = OrtValue.CreateTensorValueFromMemory(_input, [1, ChipSize, ChipSize, 3]);
            _inputValues = [input];
            _outputValues = [OrtValue.CreateTensorValueFromMemory(_output, outputMeta.Dimensions.Select(d => (long)d).ToArray())];
        }
        catch
        {
            input?.Dispose();
            _session.Dispose();
            _runOptions.Dispose();
            throw;
        }
    }

    /// <summary>Embeds an aligned <see cref="ChipSize"/>² chip.</summary>
    public FaceEmbedding Embed(FaceImage chip)
    {
        ArgumentNullException.ThrowIfNull(chip);
        if (chip.Width != ChipSize || chip.Height != ChipSize)
        {
            throw new ArgumentException($"chip must be {ChipSize}x{ChipSize}", nameof(chip));
        }

        var px = chip.Rgba;
        for (int i = 0, j = 0; j < _input.Length; i += 4, j += 3)
        {
            _input[j] = px[i];
            _input[j + 1] = px[i + 1];
            _input[j + 2] = px[i + 2];
        }

        _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
        return new FaceEmbedding([.. _output]);
    }

    public void Dispose()
    {
        _inputValues[0].Dispose();
        _outputValues[0].Dispose();
        _session.Dispose();
        _runOptions.Dispose();
    }
}
