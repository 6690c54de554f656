using System.Text.Json;

namespace ReaderKit.Face.Models;

/// <summary>A decoded TF.js weight: shape plus float data (int32 weights are kept as ints).</summary>
internal sealed record TfTensor(string Name, int[] Shape, float[]? Floats, int[]? Ints)
{
    public int Size => Shape.Aggregate(1, (a, b) => a * b);

    public float[] RequireFloats() => Floats ?? throw new ConversionException($"Weight '{Name}' is not float32.");

    public int[] RequireInts() => Ints ?? throw new ConversionException($"Weight '{Name}' is not int32.");
}
