using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>One observed camera frame for presentation-attack checks: the image (colour or greyscale, unmirrored) and its detected face (null if none).</summary>
public sealed record PadFrame(FaceImage Image, FaceDetection? Face, DateTimeOffset CapturedAt);
