namespace ReaderKit.Face.Detection;

/// <summary>Post-processing options of the BlazeFace detector.</summary>
public sealed record BlazeFaceOptions
{
    /// <summary>Model input side in pixels (the full-range "back" model uses 256).</summary>
    public int InputSize { get; init; } = 256;

    /// <summary>Minimum sigmoid score for a candidate.</summary>
    public float MinScore { get; init; } = 0.5f;

    /// <summary>IoU above which candidates are merged (weighted NMS) or suppressed (ordinary NMS).</summary>
    public float IouThreshold { get; init; } = 0.3f;

    /// <summary>MediaPipe's weighted NMS (score-weighted average of each cluster) instead of ordinary NMS.</summary>
    public bool WeightedNms { get; init; } = true;

    /// <summary>Most detections returned (largest score first).</summary>
    public int MaxDetections { get; init; } = 16;
}
