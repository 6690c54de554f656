namespace ReaderKit.Face.Detection;

/// <summary>Maps model-input pixels back to source pixels after a centred letterbox.</summary>
public readonly record struct LetterboxTransform(double Scale, double PadX, double PadY)
{
    /// <summary>Vertical scale when it differs from <see cref="Scale"/> by rounding of the resampled size (0: same as Scale).</summary>
    public double ScaleY { get; init; }

    private double EffectiveScaleY => ScaleY > 0 ? ScaleY : Scale;

    /// <summary>Letterbox of a <paramref name="width"/>×<paramref name="height"/> image into a <paramref name="side"/>² square.</summary>
    public static LetterboxTransform For(int width, int height, int side)
    {
        var scale = (double)side / Math.Max(width, height);
        return new LetterboxTransform(scale, (side - (width * scale)) / 2, (side - (height * scale)) / 2);
    }

    public Point2 ToSource(double x, double y) => new((x - PadX) / Scale, (y - PadY) / EffectiveScaleY);

    /// <summary>Converts a model-input height to source pixels.</summary>
    public double HeightToSource(double h) => h / EffectiveScaleY;
}
