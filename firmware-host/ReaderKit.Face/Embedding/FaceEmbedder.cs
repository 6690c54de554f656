using Microsoft.ML.OnnxRuntime;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Embedding;

/// <summary>
/// One <see cref="DescriptorModel"/> on ONNX Runtime: a square chip of <see cref="DescriptorModel.InputSize"/> RGBA pixels is
/// normalised per the model (channel order, mean, scale) into a reused NHWC buffer; one output (the descriptor). Input and
/// output tensors are allocated once and bound to the session. Not thread-safe for concurrent calls on one instance.
/// </summary>
public sealed class FaceEmbedder : IDisposable
{
    /// <summary>Chip side of the dlib model (<see cref="DescriptorModel.Dlib"/>).</summary>
    public const int ChipSize = 150;

    private readonly InferenceSession _session;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly RunOptions _runOptions = new();

    /// <summary>The dlib ResNet (<see cref="DescriptorModel.Dlib"/>).</summary>
    public FaceEmbedder(string modelPath, SessionOptions sessionOptions)
        : this(modelPath, sessionOptions, DescriptorModel.Dlib)
    {
    }

    public FaceEmbedder(string modelPath, SessionOptions sessionOptions, DescriptorModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _input = new float[model.InputSize * model.InputSize * 3];
        _session = new InferenceSession(modelPath, sessionOptions);
        OrtValue? input = null;
        try
        {
            var (inputName, inputMeta) = _session.InputMetadata.Single();
            var (h, w) = (model.ChannelsFirst, inputMeta.Dimensions) switch
            {
                (false, [_, var nh, var nw, 3]) => (nh, nw),
                (true, [_, 3, var ch, var cw]) => (ch, cw),
                _ => (-1, -1),
            };
            if (h != model.InputSize || w != model.InputSize)
            {
                var expected = model.ChannelsFirst ? $"[1,3,{model.InputSize},{model.InputSize}]" : $"[1,{model.InputSize},{model.InputSize},3]";
                throw new InvalidOperationException(
                    $"{Path.GetFileName(modelPath)}: input [{string.Join(",", inputMeta.Dimensions)}] is not {expected} for '{model.Name}'");
            }

            var (outputName, outputMeta) = _session.OutputMetadata.Single();
            var length = outputMeta.Dimensions.Aggregate(1, (a, d) => d > 0 ? a * d : throw new InvalidOperationException(
                $"embedding output '{outputName}' has a dynamic shape [{string.Join(",", outputMeta.Dimensions)}]"));
            _output = new float[length];
            _inputNames = [inputName];
            _outputNames = [outputName];
            input = OrtValue.CreateTensorValueFromMemory(
                _input, model.ChannelsFirst ? [1, 3, model.InputSize, model.InputSize] : [1, model.InputSize, model.InputSize, 3]);
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

    /// <summary>The model this embedder runs.</summary>
    public DescriptorModel Model { get; }

    /// <summary>Embeds an aligned chip of <see cref="DescriptorModel.InputSize"/>² pixels.</summary>
    public FaceEmbedding Embed(FaceImage chip)
    {
        ArgumentNullException.ThrowIfNull(chip);
        var size = Model.InputSize;
        if (chip.Width != size || chip.Height != size)
        {
            throw new ArgumentException($"chip must be {size}x{size}", nameof(chip));
        }

        if (!Model.FlipAverage)
        {
            Run(chip);
            return new FaceEmbedding([.. _output]) { Model = Model.Name };
        }

        Run(chip);
        var sum = Normalised(_output);
        Run(chip.Mirror());
        var mirrored = Normalised(_output);
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += mirrored[i];
        }

        return new FaceEmbedding(sum) { Model = Model.Name };
    }

    private void Run(FaceImage chip)
    {
        Normalise(chip, Model, _input);
        _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
    }

    /// <summary>
    /// Writes <paramref name="chip"/> (<see cref="DescriptorModel.InputSize"/>² RGBA) as <paramref name="model"/>'s input tensor:
    /// channel order, <c>(pixel − mean) · scale</c>, NHWC or NCHW (<see cref="DescriptorModel.ChannelsFirst"/>).
    /// </summary>
    public static void Normalise(FaceImage chip, DescriptorModel model, Span<float> input)
    {
        ArgumentNullException.ThrowIfNull(chip);
        ArgumentNullException.ThrowIfNull(model);
        var pixels = model.InputSize * model.InputSize;
        if (chip.Width * chip.Height != pixels || input.Length != pixels * 3)
        {
            throw new ArgumentException($"chip and input must hold {model.InputSize}x{model.InputSize} pixels", nameof(input));
        }

        var px = chip.Rgba;
        var (first, third) = model.Bgr ? (2, 0) : (0, 2);
        var (m0, m1, m2, s) = (model.Mean[0], model.Mean[1], model.Mean[2], model.Scale);
        if (model.ChannelsFirst)
        {
            for (int i = 0, p = 0; p < pixels; i += 4, p++)
            {
                input[p] = (px[i + first] - m0) * s;
                input[pixels + p] = (px[i + 1] - m1) * s;
                input[(2 * pixels) + p] = (px[i + third] - m2) * s;
            }

            return;
        }

        for (int i = 0, j = 0; j < input.Length; i += 4, j += 3)
        {
            input[j] = (px[i + first] - m0) * s;
            input[j + 1] = (px[i + 1] - m1) * s;
            input[j + 2] = (px[i + third] - m2) * s;
        }
    }

    private static float[] Normalised(float[] v)
    {
        double n = 0;
        foreach (var x in v)
        {
            n += (double)x * x;
        }

        var inv = n > 0 ? (float)(1 / Math.Sqrt(n)) : 0f;
        return [.. v.Select(x => x * inv)];
    }

    public void Dispose()
    {
        _inputValues[0].Dispose();
        _outputValues[0].Dispose();
        _session.Dispose();
        _runOptions.Dispose();
    }
}
