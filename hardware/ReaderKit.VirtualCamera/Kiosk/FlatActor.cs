using System.Numerics;
using ReaderKit.Face.Verification;
using SkiaSharp;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>How a flat presentation (print or screen) is handled by the attacker.</summary>
internal enum FlatMotion
{
    /// <summary>On a stand: never moves.</summary>
    Still,

    /// <summary>Waved gently, ignoring the prompts.</summary>
    Waved,

    /// <summary>Rotated about its vertical axis to follow the turn prompts, with hand tremor.</summary>
    FollowsTurns,
}

/// <summary>
/// A flat (or bent) sheet carrying an image: a print of the holder's photo, or a tablet whose texture changes every frame
/// (<see cref="Content"/>). The sheet is a fine grid (so the piecewise-affine texture mapping stays within a fraction of a
/// pixel of true perspective), optionally bent around a vertical cylinder, rotated about its own centre and projected.
/// </summary>
internal sealed class FlatActor : IKioskActor
{
    private static readonly Sway HandSway = new(ShiftX: 5, LimitX: 15, ShiftY: 4, LimitY: 10, Roll: 1.5, LimitRoll: 4, Pitch: 1.5, LimitPitch: 5);
    private readonly HeldPose _pose;
    private readonly FlatMotion _motion;
    private readonly float _width;
    private readonly float _height;
    private readonly Vector2 _centre;
    private readonly double _bendRadius;
    private readonly float _scale;
    private readonly SKPoint[] _tex;
    private readonly int[] _triangles;
    private readonly Vector3[] _rest;
    private SKImage _image;

    /// <param name="image">The sheet's image (owned).</param>
    /// <param name="centre">Point of the image that faces the camera centre (the face centre), texture pixels.</param>
    /// <param name="scale">Camera pixels per texture pixel at the sheet's distance.</param>
    /// <param name="motion">How the attacker moves it.</param>
    /// <param name="bendRadius">Cylinder radius in texture pixels (0 = flat).</param>
    /// <param name="seed">Seed of the hand tremor and reaction times.</param>
    public FlatActor(SKImage image, Vector2 centre, float scale, FlatMotion motion, double bendRadius, int seed)
    {
        _image = image;
        _width = image.Width;
        _height = image.Height;
        _centre = centre;
        _scale = scale;
        _motion = motion;
        _bendRadius = bendRadius;
        _pose = new HeldPose(new Random(seed), minTurn: 24, HandSway);
        (_tex, _triangles) = PlaneGrid.Build(_width, _height, 24, 30);
        _rest = new Vector3[_tex.Length];
        for (var i = 0; i < _tex.Length; i++)
        {
            var x = _tex[i].X - centre.X;
            var y = _tex[i].Y - centre.Y;
            _rest[i] = bendRadius > 0
                ? new Vector3((float)(bendRadius * Math.Sin(x / bendRadius)), y, (float)(bendRadius * (1 - Math.Cos(x / bendRadius))))
                : new Vector3(x, y, 0);
        }
    }

    /// <summary>Per-frame content (a screen): returns the image for the frame, or null to keep the current one.</summary>
    public Func<int, SKImage?>? Content { get; init; }

    public void Prompt(ChallengePrompt prompt, int frame)
    {
        if (_motion == FlatMotion.FollowsTurns)
        {
            _pose.Prompt(prompt, frame);
        }
    }

    public IReadOnlyList<Surface> Render(int frame)
    {
        if (Content?.Invoke(frame) is { } next)
        {
            _image.Dispose();
            _image = next;
        }

        double yaw, pitch, roll, tx, ty;
        switch (_motion)
        {
            case FlatMotion.Still:
                (yaw, pitch, roll, tx, ty) = (0, 0, 0, 4, -3);
                break;
            case FlatMotion.Waved:
                var t = frame + 3.0;
                (yaw, pitch, roll) = (12 * Math.Sin(2 * Math.PI * t / 23), 8 * Math.Sin(2 * Math.PI * t / 19), 6 * Math.Sin(2 * Math.PI * t / 17));
                (tx, ty) = (25 * Math.Sin(2 * Math.PI * t / 20), 12 * Math.Sin(2 * Math.PI * t / 13));
                break;
            default:
                (yaw, pitch, roll, tx, ty) = _pose.Step(frame);
                break;
        }

        var rotation = Matrix4x4.CreateRotationY((float)(-yaw * Math.PI / 180)) * Matrix4x4.CreateRotationX((float)(pitch * Math.PI / 180)) * Matrix4x4.CreateRotationZ((float)(roll * Math.PI / 180));
        var world = new Vector3[_rest.Length];
        for (var i = 0; i < _rest.Length; i++)
        {
            var q = Vector3.Transform(_rest[i], rotation);
            world[i] = new Vector3((q.X * _scale) + (float)tx, (q.Y * _scale) + (float)ty, q.Z * _scale);
        }

        return [new Surface(_image, _tex, world, _triangles)];
    }

    public void Dispose() => _image.Dispose();

    /// <summary>
    /// A print of the holder's photo: the region around the face (1.7 × 2.1 face sizes) with a white paper border, slightly
    /// desaturated and lower in contrast than the live scene (ink on paper), as a colour laser print looks to a camera.
    /// </summary>
    public static (SKImage Image, Vector2 Centre) Print(HeadModel head)
    {
        var photo = head.Photo;
        var w = (float)(1.7 * head.FaceSize);
        var h = (float)(2.1 * head.FaceSize);
        var border = (float)(0.08 * head.FaceSize);
        var src = SKRect.Create((photo.Width - w) / 2, (photo.Height - h) / 2, w, h);
        using var bitmap = new SKBitmap(new SKImageInfo((int)(w + (2 * border)), (int)(h + (2 * border)), SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(236, 236, 230));
            const float S = 0.8f, C = 0.85f, O = 0.07f; // saturation, contrast, lift
            float lr = 0.299f * (1 - S), lg = 0.587f * (1 - S), lb = 0.114f * (1 - S);
            using var paint = new SKPaint
            {
                ColorFilter = SKColorFilter.CreateColorMatrix(
                [
                    C * (lr + S), C * lg, C * lb, 0, O,
                    C * lr, C * (lg + S), C * lb, 0, O,
                    C * lr, C * lg, C * (lb + S), 0, O,
                    0, 0, 0, 1, 0,
                ]),
            };
            canvas.DrawImage(photo, src, SKRect.Create(border, border, w, h), new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        }

        return (SKImage.FromPixelCopy(bitmap.Info, bitmap.GetPixelSpan(), bitmap.RowBytes), new Vector2(border + (w / 2), border + (h / 2)));
    }
}
