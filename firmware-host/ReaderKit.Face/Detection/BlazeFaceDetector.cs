using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ReaderKit.Face.Imaging;
using SkiaSharp;

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
        var lb = LetterboxTransform.For(image.Width, image.Height, side);
        var dest = new SKRect((float)lb.PadX, (float)lb.PadY, (float)(lb.PadX + (image.Width * lb.Scale)), (float)(lb.PadY + (image.Height * lb.Scale)));
        var square = ImageResampler.Letterbox(image, side, side, dest);
        var px = square.Rgba;
        for (int i = 0, j = 0; j < _input.Length; i += 4, j += 3)
        {
            _input[j] = (px[i] / 127.5f) - 1f;
            _input[j + 1] = (px[i + 1] / 127.5f) - 1f;
            _input[j + 2] = (px[i + 2] / 127.5f) - 1f;
        }

        return lb;
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
