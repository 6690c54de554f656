namespace ReaderKit.Face.Models;

/// <summary>One npm file the build reads, with its pinned SHA-256 (face.md §1.1; facemesh pinned from the 3.3.6 tarball).</summary>
public sealed record PinnedInput(string RelativePath, string Sha256);

/// <summary>How one ONNX model is produced.</summary>
/// <param name="FileName">Output file in the models folder.</param>
/// <param name="Inputs">npm files it is built from (first = model.json or weights manifest).</param>
/// <param name="Kind">Graph-model conversion or the hand-built face-api ResNet.</param>
public sealed record ModelSpec(string FileName, IReadOnlyList<PinnedInput> Inputs, ModelKind Kind);

/// <summary>Builder used for a <see cref="ModelSpec"/>.</summary>
public enum ModelKind
{
    /// <summary>MediaPipe BlazeFace (graph-model).</summary>
    BlazeFace,

    /// <summary>MediaPipe FaceMesh (graph-model).</summary>
    FaceMesh,

    /// <summary>face-api FaceRecognitionNet (weights manifest + hand-built graph).</summary>
    FaceRecognition,
}

/// <summary>The models ReaderKit ships, their pinned npm inputs and their ONNX names.</summary>
public static class ModelCatalog
{
    public const string BlazeFaceFile = "blazeface.onnx";
    public const string FaceRecognitionFile = "face_recognition.onnx";
    public const string FaceMeshFile = "facemesh.onnx";

    public static IReadOnlyList<ModelSpec> All { get; } =
    [
        new(BlazeFaceFile,
        [
            new("@vladmandic/human/models/blazeface.json", "cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f"),
            new("@vladmandic/human/models/blazeface.bin", "dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72"),
        ], ModelKind.BlazeFace),
        new(FaceRecognitionFile,
        [
            new("@vladmandic/face-api/model/face_recognition_model-weights_manifest.json", "cbaffa501b0b9275a12b63357a6843e7e30c054e1c9151e1a5f879b26e32986b"),
            new("@vladmandic/face-api/model/face_recognition_model.bin", "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589"),
        ], ModelKind.FaceRecognition),
        new(FaceMeshFile,
        [
            new("@vladmandic/human/models/facemesh.json", "b60ca26f404724f43bd2b1575761d8265180e1f053cc0731caa68462927309e7"),
            new("@vladmandic/human/models/facemesh.bin", "3826da640b0a3021161605369ee6af293f75d518040355b960ec71a3390c1c0b"),
        ], ModelKind.FaceMesh),
    ];

    /// <summary>BlazeFace: input "input" [1,256,256,3]; outputs per anchor set (512 = 16×16×2, 384 = 8×8×6).</summary>
    internal static GraphNaming BlazeFaceNaming { get; } = new(
        new Dictionary<string, string> { ["input"] = "input" },
        [
            new("Identity:0", "scores_512"),
            new("Identity_1:0", "scores_384"),
            new("Identity_2:0", "regressors_512"),
            new("Identity_3:0", "regressors_384"),
        ]);

    /// <summary>FaceMesh: input "input" [N,192,192,3]; outputs mesh [N,1404] (468×xyz), faceflag [N,1], contours [N,266].</summary>
    internal static GraphNaming FaceMeshNaming { get; } = new(
        new Dictionary<string, string> { ["input_1"] = "input" },
        [
            new("Identity_2:0", "mesh"),
            new("Identity_1:0", "faceflag"),
            new("Identity:0", "contours"),
        ]);
}
