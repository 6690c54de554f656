using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Detection;

/// <summary>
/// BlazeFace (MediaPipe full-range, 256²) on ONNX Runtime: letterbox to a square, <c>x/127.5 − 1</c>, run, decode the
/// 896 anchors and apply NMS. Not thread-safe for concurrent calls on one instance (ORT sessions are, but the input buffer is reused).
/// </summary>
public sealed class BlazeFaceDetector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly BlazeFaceOptions _options;
    private readonly Point2[] _anchors;
    private readonly string _inputName;
    private readonly float[] _input;
    private SeparableResampler? _resampler;

    public BlazeFaceDetector(string modelPath, SessionOptions sessionOptions, BlazeFaceOptions? options = null)
    {
        _options = options ?? new BlazeFaceOptions();
        _session = new InferenceSession(modelPath, sessionOptions);
        _inputName = _session.InputMetadata.Keys.Single();
        _anchors = BlazeFaceAnchors.Generate(_options.InputSize);
        _input = new float[_options.InputSize * _options.InputSize * 3];
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
        var side = _options.InputSize;
        var tensor = new DenseTensor<float>(_input, [1, side, side, 3]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)]);

        // Outputs are identified by shape: scores [1, n, 1] and regressors [1, n, 16], n = 512 (stride 16) and 384 (stride 32),
        // or already concatenated (n = 896). Concatenate in anchor order: larger n (the 16×16×2 layer) first.
        var scores = new List<float[]>();
        var regressors = new List<float[]>();
        foreach (var r in results.OrderByDescending(r => r.AsTensor<float>().Dimensions[1]))
        {
            var t = r.AsTensor<float>();
            var last = t.Dimensions[^1];
            (last == 1 ? scores : regressors).Add(t.ToArray());
        }

        var logits = scores.SelectMany(s => s).ToArray();
        var regs = regressors.SelectMany(s => s).ToArray();
        return BlazeFaceDecoder.Decode(logits, regs, _anchors, letterbox, _options);
    }

    public void Dispose() => _session.Dispose();
}
