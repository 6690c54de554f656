using Microsoft.ML.OnnxRuntime;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Detection;

/// <summary>
/// BlazeFace (MediaPipe full-range, 256²) on ONNX Runtime: letterbox to a square, <c>x/127.5 − 1</c>, run, decode the
/// 896 anchors and apply NMS. Input and output tensors are allocated once and bound to the session (no per-frame tensor
/// allocations). Not thread-safe for concurrent calls on one instance (the buffers are reused).
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly BlazeFaceOptions _options;
    private readonly Point2[] _anchors;
    private readonly float[] _input;
    private readonly float[] _logits;
    private readonly float[] _regressors;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly RunOptions _runOptions = new();
    private SeparableResampler? _resampler;

    public BlazeFaceDetector(string modelPath, SessionOptions sessionOptions, BlazeFaceOptions? options = null)
    {
        _options = options ?? new BlazeFaceOptions();
        _anchors = BlazeFaceAnchors.Generate(_options.InputSize);
        var side = _options.InputSize;
        _input = new float[side * side * 3];
        _logits = new float[_anchors.Length];
        _regressors = new float[_anchors.Length * BlazeFaceDecoder.RegressorLength];
        _session = new InferenceSession(modelPath, sessionOptions);
        var bound = new List<OrtValue>();
        try
        {
            _inputNames = [_session.InputMetadata.Keys.Single()];
            _inputValues = [Track(OrtValue.CreateTensorValueFromMemory(_input, [1, side, side, 3]))];
            (_outputNames, _outputValues) = BindOutputs();
        }
        catch
        {
            foreach (var v in bound)
            {
                v.Dispose();
            }

            _session.Dispose();
            _runOptions.Dispose();
            throw;
        }

        OrtValue Track(OrtValue v)
        {
            bound.Add(v);
            return v;
        }

        // Outputs are identified by shape: scores [1, n, 1] and regressors [1, n, 16], n = 512 (stride 16) and 384 (stride 32),
        // or already concatenated (n = 896). Each is bound to its slice of one array in anchor order: larger n (the 16×16×2 layer) first.
        (string[] Names, OrtValue[] Values) BindOutputs()
        {
            var outputs = _session.OutputMetadata
                .Select(m => (Name: m.Key, Dims: m.Value.Dimensions))
                .OrderByDescending(o => o.Dims.Length > 1 ? o.Dims[1] : 0)
                .ToList();
            var names = new List<string>();
            var values = new List<OrtValue>();
            int logitOffset = 0, regressorOffset = 0;
            foreach (var (name, dims) in outputs)
            {
                if (dims.Length != 3 || dims[0] != 1 || dims[1] <= 0 || dims[2] is not (1 or BlazeFaceDecoder.RegressorLength))
                {
                    throw new InvalidOperationException($"BlazeFace output '{name}' has unexpected shape [{string.Join(",", dims)}]");
                }

                var isScore = dims[2] == 1;
                var target = isScore ? _logits : _regressors;
                var offset = isScore ? logitOffset : regressorOffset;
                var length = dims[1] * dims[2];
                if (offset + length > target.Length)
                {
                    throw new InvalidOperationException($"BlazeFace outputs cover more than {_anchors.Length} anchors");
                }

                names.Add(name);
                values.Add(Track(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, target.AsMemory(offset, length), [1, dims[1], dims[2]])));
                if (isScore)
                {
                    logitOffset += length;
                }
                else
                {
                    regressorOffset += length;
                }
            }

            if (logitOffset != _logits.Length || regressorOffset != _regressors.Length)
            {
                throw new InvalidOperationException($"BlazeFace outputs cover {logitOffset} anchors, expected {_anchors.Length}");
            }

            return ([.. names], [.. values]);
        }
    }

    /// <summary>Letterboxes <paramref name="image"/> into the model input; returns the transform back to source pixels.</summary>
    public LetterboxTransform Preprocess(FaceImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var side = _options.InputSize;
        var scale = (double)side / Math.Max(image.Width, image.Height);
        var w = Math.Clamp((int)Math.Round(image.Width * scale), 1, side);
        var h = Math.Clamp((int)Math.Round(image.Height * scale), 1, side);
        var padX = (side - w) / 2;
        var padY = (side - h) / 2;
        if (_resampler is null || !_resampler.Fits(image) || _resampler.DstWidth != w || _resampler.DstHeight != h)
        {
            _resampler = new SeparableResampler(image.Width, image.Height, w, h);
        }

        // Black padding is 0 → −1 after x/127.5 − 1.
        Array.Fill(_input, -1f);
        _resampler.ResampleInto(image, _input, side, padX, padY, 1 / 127.5f, -1f);

        // Exact per-axis scale of the resampled content (w/width may differ from side/max by rounding).
        return new LetterboxTransform((double)w / image.Width, padX, padY) with { ScaleY = (double)h / image.Height };
    }

    /// <summary>Detects faces in <paramref name="image"/>, highest score first, in source pixels.</summary>
    public IReadOnlyList<FaceDetection> Detect(FaceImage image)
    {
        var lb = Preprocess(image);
        return Infer(lb);
    }

    /// <summary>Runs the model on the input prepared by <see cref="Preprocess"/>.</summary>
    public IReadOnlyList<FaceDetection> Infer(LetterboxTransform letterbox)
    {
        _session.Run(_runOptions, _inputNames, _inputValues, _outputNames, _outputValues);
        return BlazeFaceDecoder.Decode(_logits, _regressors, _anchors, letterbox, _options);
    }

    public void Dispose()
    {
        foreach (var v in _inputValues.Concat(_outputValues))
        {
            v.Dispose();
        }

        _session.Dispose();
        _runOptions.Dispose();
    }
}
