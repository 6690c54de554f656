namespace ReaderKit.Face.Embedding;

/// <summary>
/// One face descriptor model and how its reference implementation feeds it: file, input side, crop, channel order and
/// per-channel normalisation (<c>input = (pixel − Mean) · Scale</c>, in the model's channel order), and the impostor score
/// statistics used to put two models on one scale for score fusion.
/// </summary>
/// <param name="Name">Stable name (CLI, models used, JSON).</param>
/// <param name="FileName">ONNX file in the model folder (built by ReaderKit.Face.Models, listed in models.json).</param>
/// <param name="InputSize">Square input side in pixels.</param>
/// <param name="Crop">Face crop.</param>
/// <param name="Bgr">Feed channels as B, G, R instead of R, G, B.</param>
/// <param name="Mean">Subtracted per channel (model channel order), before <paramref name="Scale"/>.</param>
/// <param name="Scale">Multiplied after the mean subtraction.</param>
/// <param name="ImpostorMean">
/// Mean cosine of impostor pairs, for fusion: measured on LFW-Aligned-100Pair with chip-like JPEG 2000 enrolment (19,014
/// pairs) for dlib, faceres and their flip/HSE variants; rough values for the others, which are not fused (README "Descriptor
/// bake-off").
/// </param>
/// <param name="ImpostorStd">Standard deviation of impostor cosines (same source).</param>
public sealed record DescriptorModel(
    string Name, string FileName, int InputSize, DescriptorCrop Crop, bool Bgr, float[] Mean, float Scale, double ImpostorMean, double ImpostorStd)
{
    /// <summary>
    /// Test-time flip: the descriptor is the sum of the L2-normalised descriptors of the chip and of its mirror image (two model
    /// runs), which averages out left/right asymmetries of the crop and the lighting.
    /// </summary>
    public bool FlipAverage { get; init; }

    /// <summary>
    /// Weight of this model in a fused score (<see cref="DescriptorFusion"/>): the fused score is the weighted mean. dlib 0.7 and
    /// faceres 0.3 were chosen for the dlib+faceres fusion (best of 0.5/0.6/0.7 on the evaluation sets); the others keep 1.
    /// </summary>
    public double FusionWeight { get; init; } = 1;

    /// <summary>
    /// The model takes NCHW input (<c>[1,3,H,W]</c>, e.g. a PyTorch export) instead of the NHWC of the TF.js conversions; the same
    /// pixels and normalisation are written plane by plane.
    /// </summary>
    public bool ChannelsFirst { get; init; }

    /// <summary>face-api 1.7.15 dlib ResNet (public-domain weights): dlib chip 150, RGB 0..255 (mean/255 inside the graph), 128-d.</summary>
    public static DescriptorModel Dlib { get; } = new("dlib", "face_recognition.onnx", 150, DescriptorCrop.DlibChip, false, [0, 0, 0], 1, 0.8565, 0.0324)
    {
        FusionWeight = 0.7,
    };

    /// <summary><see cref="Dlib"/> with <see cref="FlipAverage"/>.</summary>
    public static DescriptorModel DlibFlip { get; } = Dlib with { Name = "dlib-flip", FlipAverage = true, ImpostorMean = 0.8611, ImpostorStd = 0.0319 };

    /// <summary>HSE FaceRes (human-models 3.0.4 <c>faceres</c>) as Human feeds it: 1.4× box, RGB 0..255, 224², 1024-d.</summary>
    public static DescriptorModel FaceRes { get; } = new("faceres", "faceres.onnx", 224, DescriptorCrop.HumanBox, false, [0, 0, 0], 1, 0.3834, 0.0808)
    {
        FusionWeight = 0.3,
    };

    /// <summary>HSE FaceRes with its original (HSE_FaceRec_tf) preprocessing: BGR minus the ImageNet mean, same crop.</summary>
    public static DescriptorModel FaceResHse { get; } = new("faceres-hse", "faceres.onnx", 224, DescriptorCrop.HumanBox, true, [103.939f, 116.779f, 123.68f], 1, 0.3768, 0.0814);

    /// <summary><see cref="FaceRes"/> with <see cref="FlipAverage"/>.</summary>
    public static DescriptorModel FaceResFlip { get; } = FaceRes with { Name = "faceres-flip", FlipAverage = true, ImpostorMean = 0.3917, ImpostorStd = 0.0816 };

    /// <summary>human-models <c>faceres-deep</c> (same graph, float32 weights) as Human feeds faceres.</summary>
    public static DescriptorModel FaceResDeep { get; } = new("faceres-deep", "faceres_deep.onnx", 224, DescriptorCrop.HumanBox, false, [0, 0, 0], 1, 0.44, 0.1);

    /// <summary><c>faceres-deep</c> with the HSE BGR − mean preprocessing.</summary>
    public static DescriptorModel FaceResDeepHse { get; } = new("faceres-deep-hse", "faceres_deep.onnx", 224, DescriptorCrop.HumanBox, true, [103.939f, 116.779f, 123.68f], 1, 0.44, 0.1);

    /// <summary>human-models <c>mobileface</c> as Human's embedding path feeds it (face tensor 0..1 resized to 112), 256-d.</summary>
    public static DescriptorModel MobileFace { get; } = new("mobileface", "mobileface.onnx", 112, DescriptorCrop.HumanBox, false, [0, 0, 0], 1 / 255f, 0.35, 0.1);

    /// <summary><c>mobileface</c> as MobileFace itself was trained: ArcFace-aligned 112, RGB 0..255 (the graph normalises).</summary>
    public static DescriptorModel MobileFaceArcFace { get; } = new("mobileface-arcface", "mobileface.onnx", 112, DescriptorCrop.ArcFace, false, [0, 0, 0], 1, 0.35, 0.1);

    /// <summary>human-models <c>mobilefacenet</c> as Human feeds it (0..1, 112), 192-d, L2-normalised in the graph.</summary>
    public static DescriptorModel MobileFaceNet { get; } = new("mobilefacenet", "mobilefacenet.onnx", 112, DescriptorCrop.HumanBox, false, [0, 0, 0], 1 / 255f, 0.99, 0.01);

    /// <summary><c>mobilefacenet</c> with its training preprocessing (sirius-ai): ArcFace-aligned, <c>(x − 127.5) / 128</c>.</summary>
    public static DescriptorModel MobileFaceNetArcFace { get; } = new("mobilefacenet-arcface", "mobilefacenet.onnx", 112, DescriptorCrop.ArcFace, false, [127.5f, 127.5f, 127.5f], 1 / 128f, 0.99, 0.01);

    /// <summary>
    /// <c>fr_feature.onnx</c> of the npm package <c>faceplugin-face-recognition-js</c> 0.0.1 (PyTorch 1.10 export, NCHW) as its
    /// <c>lib/fr_feature.js</c> feeds it: ArcFace 112 alignment, RGB, <c>(x − 127) / 128</c>; 512-d. Impostor statistics measured on
    /// LFW-Aligned-100Pair with chip-like JPEG 2000 enrolment like dlib's (19,014 pairs). Fusion weight 0.7 = dlib's: the
    /// dlib + faceplugin fusion is the unweighted mean (not fitted; README "Descriptor bake-off").
    /// </summary>
    public static DescriptorModel Faceplugin { get; } = new("faceplugin", "faceplugin_feature.onnx", 112, DescriptorCrop.ArcFace, false, [127f, 127f, 127f], 1 / 128f, 0.0806, 0.1032)
    {
        ChannelsFirst = true,
        FusionWeight = 0.7,
    };

    /// <summary>Every known descriptor configuration (the bake-off candidates).</summary>
    public static IReadOnlyList<DescriptorModel> All { get; } =
        [Dlib, DlibFlip, FaceRes, FaceResFlip, FaceResHse, FaceResDeep, FaceResDeepHse, MobileFace, MobileFaceArcFace, MobileFaceNet, MobileFaceNetArcFace, Faceplugin];

    /// <summary>The configuration called <paramref name="name"/>; <see cref="ArgumentException"/> naming the known ones otherwise.</summary>
    public static DescriptorModel Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown descriptor model '{name}'; known: {string.Join(", ", All.Select(m => m.Name))}", nameof(name));
}
