namespace ReaderKit.Face.Embedding;

/// <summary>How the face is cut out for a descriptor model (each model's own reference crop).</summary>
public enum DescriptorCrop
{
    /// <summary>dlib <c>get_face_chip_details(size, 0.25)</c>: 4-point similarity onto dlib's mean face (face-api / dlib ResNet).</summary>
    DlibChip,

    /// <summary>
    /// Human 3.3.6's face tensor: the BlazeFace box enlarged 1.4× (<c>face.detector.scale</c>), squared on its longer side,
    /// centred, rotated upright by the eye line when the roll exceeds 0.2 rad (Human's <c>correctFaceRotation</c>), resized
    /// to the model input (Human: <c>cutAndResize</c> to 192, then <c>resizeBilinear</c> to the input; here one supersampled warp).
    /// </summary>
    HumanBox,

    /// <summary>InsightFace/ArcFace 112×112 alignment (4-point similarity onto the ArcFace template; mouth = mean of its corners).</summary>
    ArcFace,
}
