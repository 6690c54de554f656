using ReaderKit.Face.Evaluation;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Tests;

/// <summary>Pure image helpers of the evaluation: small-image canvas and simulated transaction frames.</summary>
public class EvaluationImagingTests
{
    [Fact]
    public void Small_images_are_centred_on_a_grey_canvas()
    {
        var image = TestImages.Noise(100, 80, seed: 4);
        var canvas = FaceEvaluation.OnCanvas(image, 3);
        Assert.Equal((300, 240), (canvas.Width, canvas.Height));
        Assert.Equal(128, canvas.Rgba[0]);
        for (var y = 0; y < image.Height; y += 7)
        {
            for (var x = 0; x < image.Width; x += 9)
            {
                Assert.Equal(image.Rgba[((y * image.Width) + x) * 4], canvas.Rgba[(((y + 80) * canvas.Width) + x + 100) * 4]);
            }
        }
    }

    [Fact]
    public void Simulated_frames_are_deterministic_small_changes_of_the_photo()
    {
        var photo = TestImages.Gradient(320, 240);
        Assert.Same(photo, LiveFrameSimulator.Frame(photo, 0, seed: 1));
        var a = LiveFrameSimulator.Frame(photo, 1, seed: 1);
        var b = LiveFrameSimulator.Frame(photo, 1, seed: 1);
        var c = LiveFrameSimulator.Frame(photo, 2, seed: 1);
        Assert.Equal((photo.Width, photo.Height), (a.Width, a.Height));
        Assert.Equal(a.Rgba, b.Rgba);
        Assert.NotEqual(a.Rgba, c.Rgba);

        // Small: the mean absolute change in the centre is a few grey levels per channel, not a different picture.
        double sum = 0;
        var n = 0;
        for (var y = 80; y < 160; y++)
        {
            for (var x = 110; x < 210; x++)
            {
                var i = ((y * photo.Width) + x) * 4;
                sum += Math.Abs(a.Rgba[i] - photo.Rgba[i]) + Math.Abs(a.Rgba[i + 1] - photo.Rgba[i + 1]);
                n += 2;
            }
        }

        Assert.InRange(sum / n, 0.5, 25);
    }
}
