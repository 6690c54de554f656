using System.Collections.Concurrent;
using System.Numerics;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;
using SkiaSharp;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>
/// A 3-D head made from one sample photo: the photo is texture-mapped onto the face's own FaceMesh geometry (468 landmarks with
/// depth, measured once on the photo), extended by two rings around the face outline that recede like hair and cheeks, and a fixed
/// border (background) around them; triangulated with Delaunay. Rotating the vertices about a pivot behind the face and projecting
/// them gives real parallax (the nose moves across the cheeks); moving the upper eyelid points onto the lower ones closes the eyes.
/// </summary>
public sealed class HeadModel : IDisposable
{
    // MediaPipe eye contours, subject's right then left eye: upper-lid point paired with the lower-lid point below it.
    private static readonly (int Upper, int Lower)[] Lids =
    [
        (246, 7), (161, 163), (160, 144), (159, 145), (158, 153), (157, 154), (173, 155),
        (466, 249), (388, 390), (387, 373), (386, 374), (385, 380), (384, 381), (398, 382),
    ];

    private static readonly ConcurrentDictionary<string, Lazy<HeadModel>> Cache = new(StringComparer.Ordinal);

    private HeadModel(SKImage texture, Vector3[] rest, SKPoint[] tex, int[] triangles, bool[] rotates, double faceSize, double faceWidth)
    {
        Texture = texture;
        Rest = rest;
        TexCoords = tex;
        Triangles = triangles;
        Rotates = rotates;
        FaceSize = faceSize;
        FaceWidth = faceWidth;
        _lids = [.. Lids.Select(l => (l.Upper, l.Lower, Above(rest, l.Upper, l.Lower)))];
    }

    private readonly (int Upper, int Lower, int Above)[] _lids;

    // The landmark just above an upper-lid point (the lid skin below the crease): the nearest mesh point higher up within
    // two lid gaps, not itself a lid point; -1 if none.
    private static int Above(Vector3[] rest, int upper, int lower)
    {
        var gap = Math.Max(1f, rest[lower].Y - rest[upper].Y);
        var best = -1;
        var bestDistance = float.MaxValue;
        for (var i = 0; i < 468; i++)
        {
            var d = rest[upper] - rest[i];
            if (d.Y <= 0.3f * gap || Lids.Any(l => l.Upper == i || l.Lower == i))
            {
                continue;
            }

            var distance = new Vector2(d.X, d.Y).Length();
            if (distance < bestDistance && distance < 3 * gap)
            {
                (best, bestDistance) = (i, distance);
            }
        }

        return best;
    }

    internal SKImage Texture { get; }

    /// <summary>Vertices relative to the rotation pivot, texture pixels (the first 468 are the FaceMesh landmarks).</summary>
    internal Vector3[] Rest { get; }

    internal SKPoint[] TexCoords { get; }

    internal int[] Triangles { get; }

    /// <summary>False for the background border, which stays put when the head turns.</summary>
    internal bool[] Rotates { get; }

    /// <summary>The sample face's box side in texture pixels.</summary>
    public double FaceSize { get; }

    /// <summary>Cheek-to-cheek width (landmarks 234–454) in texture pixels.</summary>
    public double FaceWidth { get; }

    /// <summary>The head of <paramref name="face"/>, built once per process and model folder (models from <paramref name="modelDirectory"/>).</summary>
    public static HeadModel For(SampleFace face, string modelDirectory, string? sampleDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(modelDirectory);
        var key = $"{face}|{modelDirectory}|{sampleDirectory}";
        return Cache.GetOrAdd(key, _ => new Lazy<HeadModel>(() => Build(face, modelDirectory, sampleDirectory))).Value;
    }

    /// <summary>Builds the head (runs BlazeFace and FaceMesh once on the photo).</summary>
    public static HeadModel Build(SampleFace face, string modelDirectory, string? sampleDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        using var source = SampleFaces.LoadSource(face, sampleDirectory);
        var side = (int)Math.Round(face.Size * 2.6);
        var cx = face.X + (face.Size / 2.0);
        var cy = face.Y + (face.Size * 0.6);
        using var crop = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(crop))
        {
            canvas.Clear(new SKColor(90, 96, 104));
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, (float)((side / 2.0) - cx), (float)((side / 2.0) - cy), new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        var faceImage = new FaceImage(side, side, crop.GetPixelSpan().ToArray());
        var models = FaceModelFiles.In(modelDirectory);
        using var options = FaceAnalyzer.CreateSessionOptions(1);
        FaceMesh mesh;
        using (var detector = new BlazeFaceDetector(models.Detector, options))
        using (var landmarker = new FaceMeshLandmarker(models.FaceMesh, options))
        {
            var centre = new Point2(side / 2.0, side / 2.0 - (face.Size * 0.1));
            var detection = detector.Detect(faceImage).OrderBy(d => (d.Box.Center - centre).Length).FirstOrDefault()
                ?? throw new InvalidOperationException($"no face found in sample {face}");
            mesh = landmarker.Estimate(faceImage, detection);
        }

        var oval = new[]
        {
            10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58,
            132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
        };
        var width = (mesh[FaceMeshIndex.LeftFaceEdge] - mesh[FaceMeshIndex.RightFaceEdge]).XY.Length;
        var ox = oval.Average(i => mesh[i].X);
        var oy = oval.Average(i => mesh[i].Y);
        var oz = oval.Average(i => mesh[i].Z);
        var xs = new List<double>();
        var ys = new List<double>();
        var zs = new List<double>();
        var rotates = new List<bool>();
        foreach (var p in mesh.Landmarks)
        {
            xs.Add(p.X);
            ys.Add(p.Y);
            zs.Add(p.Z);
            rotates.Add(true);
        }

        // Two rings outside the outline (hair, ears, jaw), receding; then the fixed background border.
        foreach (var (grow, back) in new[] { (1.18, 0.18), (1.42, 0.42) })
        {
            foreach (var i in oval)
            {
                xs.Add(ox + ((mesh[i].X - ox) * grow));
                ys.Add(oy + ((mesh[i].Y - oy) * grow));
                zs.Add(mesh[i].Z + (back * width));
                rotates.Add(true);
            }
        }

        const int BorderSteps = 8;
        for (var k = 0; k < BorderSteps; k++)
        {
            var a = (double)side * k / BorderSteps;
            foreach (var (x, y) in new[] { (a, 0.0), (side, a), (side - a, side), (0.0, side - a) })
            {
                xs.Add(x);
                ys.Add(y);
                zs.Add(oz + width);
                rotates.Add(false);
            }
        }

        var triangles = Delaunay.Triangulate(xs, ys).SelectMany(t => new[] { t.A, t.B, t.C }).ToArray();
        // Pivot: the neck axis, about 0.6 face widths behind the mean face surface.
        var pz = oz + (0.6 * width);
        var rest = new Vector3[xs.Count];
        var tex = new SKPoint[xs.Count];
        for (var i = 0; i < xs.Count; i++)
        {
            rest[i] = new Vector3((float)(xs[i] - ox), (float)(ys[i] - oy), (float)(zs[i] - pz));
            tex[i] = new SKPoint((float)xs[i], (float)ys[i]);
        }

        return new HeadModel(SKImage.FromPixelCopy(crop.Info, crop.GetPixelSpan(), crop.RowBytes), rest, tex, triangles, [.. rotates], face.Size, width);
    }

    /// <summary>The head posed for one frame: rotated (degrees; yaw &gt; 0 = the subject's left), eyes closed by <paramref name="closure"/> (0 open … 1 shut), scaled and moved in the image.</summary>
    internal Surface Pose(double yaw, double pitch, double roll, double closure, float scale, float tx, float ty, float depth = 0)
    {
        var p = (Vector3[])Rest.Clone();
        if (closure > 0)
        {
            // The upper lid comes down to the lower one (which rises a little); the skin above the lid follows half-way.
            var c = (float)closure;
            foreach (var (upper, lower, above) in _lids)
            {
                var u = Rest[upper];
                var l = Rest[lower];
                var meet = u + ((l - u) * 0.85f);
                p[upper] = new Vector3(u.X + ((meet.X - u.X) * c), u.Y + ((meet.Y - u.Y) * c), u.Z);
                p[lower] = new Vector3(l.X + ((meet.X - l.X) * c), l.Y + ((meet.Y - l.Y) * c), l.Z);
                if (above >= 0)
                {
                    var a = Rest[above];
                    p[above] = new Vector3(a.X, a.Y + ((meet.Y - u.Y) * 0.5f * c), a.Z);
                }
            }
        }

        var rotation = Matrix4x4.CreateRotationY((float)(-yaw * Math.PI / 180)) * Matrix4x4.CreateRotationX((float)(pitch * Math.PI / 180)) * Matrix4x4.CreateRotationZ((float)(roll * Math.PI / 180));
        var pivotDepth = (float)(0.6 * FaceWidth * scale);
        var world = new Vector3[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            var q = Rotates[i] ? Vector3.Transform(p[i], rotation) : p[i];
            world[i] = new Vector3((q.X * scale) + tx, (q.Y * scale) + ty, (q.Z * scale) + pivotDepth + depth);
        }

        return new Surface(Texture, TexCoords, world, Triangles);
    }

    /// <summary>The texture (the photo around the face), for prints and screens of the same person.</summary>
    internal SKImage Photo => Texture;

    public void Dispose() => Texture.Dispose();
}
