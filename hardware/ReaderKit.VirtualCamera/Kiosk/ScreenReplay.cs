using System.Numerics;
using ReaderKit.Face.Verification;
using SkiaSharp;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>
/// A tablet replaying a recorded video of the holder: the video is the holder's <see cref="HeadModel"/> following a fixed script
/// (blinks, a left and a right turn, on its own schedule, looping), shown at a low resolution on an RGB-stripe display whose pixel
/// pitch is <see cref="PixelPitch"/> camera pixels, inside a black bezel. The tablet itself is a flat sheet (<see cref="FlatActor"/>).
/// </summary>
internal static class ScreenReplay
{
    /// <summary>Camera pixels per display pixel (a phone or tablet close to the camera).</summary>
    public const int PixelPitch = 3;

    private const int ScriptPeriod = 52;

    public static FlatActor Create(HeadModel head, int seed)
    {
        var video = new LiveHeadActor(head, seed + 7919)
        {
            Script = new Dictionary<int, ChallengePrompt>
            {
                [6] = ChallengePrompt.Blink, [14] = ChallengePrompt.TurnLeft, [22] = ChallengePrompt.LookAtCamera, [30] = ChallengePrompt.Blink,
                [38] = ChallengePrompt.TurnRight, [46] = ChallengePrompt.LookAtCamera,
            },
            ScriptPeriod = ScriptPeriod,
        };
        var first = Frame(video, 0);
        return new FlatActor(first.Image, first.Centre, 1f, FlatMotion.FollowsTurns, 0, seed)
        {
            Content = frame => Frame(video, frame).Image,
        };
    }

    private static (SKImage Image, Vector2 Centre) Frame(LiveHeadActor video, int frame)
    {
        // The recorded frame, the region around the face, at the display's resolution.
        using var full = FrameRenderer.Draw(video.Render(frame), new SKColor(150, 160, 170));
        const int CropX = 170, CropY = 40, CropW = 300, CropH = 402;
        int w = CropW / PixelPitch, h = CropH / PixelPitch;
        using var low = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(low))
        using (var image = SKImage.FromPixelCopy(full.Info, full.GetPixelSpan(), full.RowBytes))
        {
            canvas.DrawImage(image, SKRect.Create(CropX, CropY, CropW, CropH), SKRect.Create(w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        // RGB stripes: each display pixel is PixelPitch×PixelPitch camera pixels, one column per primary, a dark row between pixel rows.
        const int Bezel = 20;
        int tw = (w * PixelPitch) + (2 * Bezel), th = (h * PixelPitch) + (2 * Bezel);
        var rgba = new byte[tw * th * 4];
        for (var i = 3; i < rgba.Length; i += 4)
        {
            rgba[i] = 255;
        }

        var src = low.GetPixelSpan();
        for (var y = 0; y < h * PixelPitch; y++)
        {
            var rowGain = y % PixelPitch == PixelPitch - 1 ? 0.55 : 1.0;
            for (var x = 0; x < w * PixelPitch; x++)
            {
                var s = (((y / PixelPitch) * w) + (x / PixelPitch)) * 4;
                var channel = x % PixelPitch;
                var o = ((((y + Bezel) * tw) + x + Bezel) * 4) + channel;
                rgba[o] = (byte)Math.Min(255, src[s + channel] * 2.2 * rowGain);
                // A little light leaks into the neighbouring subpixels (diffuser), as on a real panel.
                for (var other = 0; other < 3; other++)
                {
                    if (other != channel)
                    {
                        var q = o - channel + other;
                        rgba[q] = (byte)Math.Min(255, rgba[q] + (src[s + other] * 0.35 * rowGain));
                    }
                }
            }
        }

        var info = new SKImageInfo(tw, th, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var faceCentre = new Vector2(Bezel + ((FrameRenderer.Width / 2f) - CropX), Bezel + ((FrameRenderer.Height / 2f) - CropY));
        return (SKImage.FromPixelCopy(info, rgba, tw * 4), faceCentre);
    }
}
