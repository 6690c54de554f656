namespace ReaderKit.Face.Models;

/// <summary>How one ONNX model is produced.</summary>
/// <param name="FileName">Output file in the models folder.</param>
/// <param name="Inputs">npm files it is built from (first = model.json or weights manifest).</param>
/// <param name="Kind">Graph-model conversion or the hand-built face-api ResNet.</param>
public sealed record ModelSpec(string FileName, IReadOnlyList<PinnedInput> Inputs, ModelKind Kind);
