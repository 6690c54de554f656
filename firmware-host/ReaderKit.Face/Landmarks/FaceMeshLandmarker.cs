using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;

namespace ReaderKit.Face.Landmarks;

/// <summary>
/// MediaPipe FaceMesh (468 landmarks, the model shipped by @vladmandic/human 3.3.6, converted to <c>facemesh.onnx</c>) on ONNX
/// Runtime. For one BlazeFace detection: square crop of the box enlarged <see cref="FaceMeshOptions.BoxScale"/>× around its centre,
/// rotated upright by the eye line when the roll is large, resampled to 192² RGB <c>x/255</c> NHWC; run; landmarks mapped back to
/// source pixels. Calls are serialised internally (one inference at a time; the input buffer is reused).
/// </summary>
public sealed class FaceMeshLandmarker : IDisposable
{
    /// <summary>Model input side.</summary>
    public const int InputSize = 192;

    private const int MeshValues = FaceMesh.LandmarkCount * 3;

    private readonly InferenceSession _session;
    private readonly FaceMeshOptions _options;
    private readonly string _inputName;
    private readonly string _meshName;
    private readonly string _flagName;
    private readonly float[] _input = new float[InputSize * InputSize * 3];
    private readonly Lock _gate = new();
    private SeparableResampler? _resampler;
    private FaceImage? _square;

    /// <summary>Loads <paramref name="modelPath"/>; throws <see cref="FaceModelsMissingException"/> or <see cref="FaceModelInvalidException"/>.</summary>
    public FaceMeshLandmarker(string modelPath, SessionOptions sessionOptions, FaceMeshOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        _options = options ?? new FaceMeshOptions();
        if (!File.Exists(modelPath))
        {
            throw new FaceModelsMissingException(
                $"FaceMesh model missing: {modelPath}. Build it with firmware-host/ReaderKit.Face.Models/build-models.sh " +
                $"(or set {FaceModelFiles.EnvironmentVariable} to the folder holding {FaceModelFiles.FaceMeshFileName}).");
        }

        try
        {
            _session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new FaceModelInvalidException($"{modelPath} is not a loadable ONNX model: {e.Message}", e);
        }

        try
        {
            (_inputName, _meshName, _flagName) = CheckSignature(_session, modelPath);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>Opens <see cref="FaceModelFiles.FaceMesh"/> with the pipeline's session options (single intra-op thread by default).</summary>
    public static FaceMeshLandmarker Open(FaceModelFiles models, FaceMeshOptions? options = null, int intraOpThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(models);
        using var sessionOptions = FaceAnalyzer.CreateSessionOptions(intraOpThreads);
        return new FaceMeshLandmarker(models.FaceMesh, sessionOptions, options);
    }

    public FaceMeshOptions Options => _options;

    /// <summary>The crop FaceMesh sees for <paramref name="face"/>: box centre, enlarged longer side, eye-line roll (or 0).</summary>
    public FaceMeshCrop CropFor(FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(face);
        var box = face.Box;
        var side = Math.Max(box.Width, box.Height) * _options.BoxScale;
        if (!double.IsFinite(side) || side < 1 || !double.IsFinite(box.X) || !double.IsFinite(box.Y))
        {
            throw new ArgumentException($"degenerate face box {box}", nameof(face));
        }

        return new FaceMeshCrop(box.Center, side, UprightAngle(face[FaceKeypoint.RightEye], face[FaceKeypoint.LeftEye]));
    }

    /// <summary>Landmarks of <paramref name="face"/> (a detection in <paramref name="image"/>), in source pixels.</summary>
    public FaceMesh Estimate(FaceImage image, FaceDetection face)
    {
        ArgumentNullException.ThrowIfNull(image);
        var crop = CropFor(face);
        lock (_gate)
        {
            var result = Run(image, crop, 1);
            for (var i = 0; i < _options.MaxRefinements; i++)
            {
                var next = RefinedCrop(result, crop.Side);
                var moved = (next.Center - result.Crop.Center).Length;
                if (moved <= _options.RefineTolerance * crop.Side && next.RotationRadians == result.Crop.RotationRadians)
                {
                    break;
                }

                result = Run(image, next, result.Runs + 1);
            }

            return result;
        }
    }

    private FaceMesh Run(FaceImage image, FaceMeshCrop crop, int runs)
    {
        crop = Preprocess(image, crop);
        var (mesh, flag) = Infer();
        return new FaceMesh(MapBack(mesh, crop), flag, crop, runs);
    }

    /// <summary>Same side, centred on the landmarks' bounding box (Human's <c>calculateFaceBox</c>), roll from the mesh eye corners.</summary>
    private FaceMeshCrop RefinedCrop(FaceMesh mesh, double side)
    {
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        foreach (var p in mesh.Landmarks)
        {
            x0 = Math.Min(x0, p.X);
            y0 = Math.Min(y0, p.Y);
            x1 = Math.Max(x1, p.X);
            y1 = Math.Max(y1, p.Y);
        }

        var angle = UprightAngle(mesh[FaceMeshIndex.RightEyeOuter].XY, mesh[FaceMeshIndex.LeftEyeOuter].XY);
        return new FaceMeshCrop(new Point2((x0 + x1) / 2, (y0 + y1) / 2), side, angle);
    }

    /// <summary>
    /// Crop rotation from two eye points: the eye line's roll when rotation is on and the roll reaches the minimum, else 0. Eye order
    /// is decided geometrically (image-left eye first), so a mirrored frame rotates the same way.
    /// </summary>
    private double UprightAngle(Point2 a, Point2 b)
    {
        if (!_options.RotateUpright)
        {
            return 0;
        }

        var (l, r) = a.X <= b.X ? (a, b) : (b, a);
        var roll = Math.Atan2(r.Y - l.Y, r.X - l.X);
        return Math.Abs(roll) * 180 / Math.PI >= _options.MinRotationDegrees ? roll : 0;
    }

    /// <summary>
    /// Fills the model input with <paramref name="crop"/> of <paramref name="image"/>; returns the crop actually used (the
    /// upright path snaps it to whole source pixels). Outside the image counts as black, as in Human's <c>cropAndResize</c>.
    /// </summary>
    private FaceMeshCrop Preprocess(FaceImage image, FaceMeshCrop crop)
    {
        var side = (int)Math.Round(crop.Side);
        if (crop.RotationRadians == 0 && side <= _options.MaxDirectCropSide)
        {
            // Upright: cut the square (black outside the image) and shrink it with the anti-aliasing separable resampler.
            // Source coordinates are pixel indices (pixel i's centre at i), so the square's centre is x0 + side/2 − 0.5.
            var x0 = (int)Math.Round(crop.Center.X - (side / 2.0) + 0.5);
            var y0 = (int)Math.Round(crop.Center.Y - (side / 2.0) + 0.5);
            var square = CutSquare(image, x0, y0, side, ref _square);
            if (_resampler is null || !_resampler.Fits(square))
            {
                _resampler = new SeparableResampler(side, side, InputSize, InputSize);
            }

            _resampler.ResampleInto(square, _input, InputSize, 0, 0, 1 / 255f, 0f);
            return new FaceMeshCrop(new Point2(x0 + (side / 2.0) - 0.5, y0 + (side / 2.0) - 0.5), side, 0);
        }

        // Rotated (or huge): bilinear warp, supersampled when shrinking, crop pixel u ↔ centre + R·k·(u + 0.5 − 96).
        var warped = FaceAligner.Warp(image, CropToSource(crop), InputSize);
        var px = warped.Rgba;
        for (int i = 0, j = 0; j < _input.Length; i += 4, j += 3)
        {
            _input[j] = px[i] / 255f;
            _input[j + 1] = px[i + 1] / 255f;
            _input[j + 2] = px[i + 2] / 255f;
        }

        return crop;
    }

    /// <summary>Crop pixel index → source pixel index for <paramref name="crop"/>.</summary>
    private static SimilarityTransform CropToSource(FaceMeshCrop crop)
    {
        var k = crop.Side / InputSize;
        var a = k * Math.Cos(crop.RotationRadians);
        var b = k * Math.Sin(crop.RotationRadians);
        var d = 0.5 - (InputSize / 2.0);
        return new SimilarityTransform(a, b, crop.Center.X + (a * d) - (b * d), crop.Center.Y + (b * d) + (a * d));
    }

    /// <summary>Copies the <paramref name="side"/>² square at (x0, y0) into <paramref name="buffer"/> (reused when the side repeats), black outside the image.</summary>
    private static FaceImage CutSquare(FaceImage image, int x0, int y0, int side, ref FaceImage? buffer)
    {
        if (buffer is null || buffer.Width != side)
        {
            buffer = new FaceImage(side, side, new byte[side * side * 4]);
        }
        else
        {
            Array.Clear(buffer.Rgba);
        }

        var px = buffer.Rgba;
        var xa = Math.Max(0, x0);
        var xb = Math.Min(image.Width, x0 + side);
        for (var y = 0; y < side; y++)
        {
            var sy = y0 + y;
            if (sy >= 0 && sy < image.Height && xb > xa)
            {
                Buffer.BlockCopy(image.Rgba, ((sy * image.Width) + xa) * 4, px, ((y * side) + (xa - x0)) * 4, (xb - xa) * 4);
            }
        }

        // Alpha is irrelevant to the resampler (it reads RGB only); the padding stays black.
        return buffer;
    }

    private (float[] Mesh, double Flag) Infer()
    {
        var tensor = new DenseTensor<float>(_input, [1, InputSize, InputSize, 3]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)], [_meshName, _flagName]);
        var mesh = results.First(r => r.Name == _meshName).AsTensor<float>().ToArray();
        var flag = results.First(r => r.Name == _flagName).AsTensor<float>().ToArray();
        if (mesh.Length != MeshValues || flag.Length != 1)
        {
            throw new FaceModelInvalidException($"FaceMesh returned {mesh.Length} mesh values and {flag.Length} flags (expected {MeshValues} and 1)");
        }

        return (mesh, flag[0]);
    }

    /// <summary>Maps crop coordinates (0..192, centre 96) back to source pixels; z is scaled like x and y.</summary>
    private static Point3[] MapBack(float[] mesh, FaceMeshCrop crop)
    {
        var k = crop.Side / InputSize;
        var cos = Math.Cos(crop.RotationRadians);
        var sin = Math.Sin(crop.RotationRadians);
        var points = new Point3[FaceMesh.LandmarkCount];
        for (var i = 0; i < points.Length; i++)
        {
            var u = (mesh[i * 3] - (InputSize / 2.0)) * k;
            var v = (mesh[(i * 3) + 1] - (InputSize / 2.0)) * k;
            points[i] = new Point3(crop.Center.X + (cos * u) - (sin * v), crop.Center.Y + (sin * u) + (cos * v), mesh[(i * 3) + 2] * k);
        }

        return points;
    }

    /// <summary>Input [N|1, 192, 192, 3]; outputs identified by their last dimension like Human does (1404 = mesh, 1 = face flag).</summary>
    private static (string Input, string Mesh, string Flag) CheckSignature(InferenceSession session, string modelPath)
    {
        if (session.InputMetadata.Count != 1)
        {
            throw new FaceModelInvalidException($"{modelPath}: expected one input, found {session.InputMetadata.Count}");
        }

        var (inputName, input) = session.InputMetadata.Single();
        var dims = input.Dimensions;
        if (dims.Length != 4 || dims[1] != InputSize || dims[2] != InputSize || dims[3] != 3 || input.ElementType != typeof(float))
        {
            throw new FaceModelInvalidException($"{modelPath}: input {inputName} is [{string.Join(",", dims)}] {input.ElementType.Name}, expected float [N,{InputSize},{InputSize},3]");
        }

        string? mesh = null, flag = null;
        foreach (var (name, meta) in session.OutputMetadata)
        {
            var last = meta.Dimensions.Length > 0 ? meta.Dimensions[^1] : -1;
            if (last == MeshValues)
            {
                mesh = name;
            }
            else if (last == 1)
            {
                flag = name;
            }
        }

        return mesh is null || flag is null
            ? throw new FaceModelInvalidException($"{modelPath}: no [N,{MeshValues}] mesh and [N,1] face-flag outputs (found {string.Join(", ", session.OutputMetadata.Keys)})")
            : (inputName, mesh, flag);
    }

    public void Dispose() => _session.Dispose();
}
