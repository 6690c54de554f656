namespace ReaderKit.Face.Camera;

/// <summary>One encoded camera frame (JPEG from MJPEG sources; JPEG/PNG from files), decoded later by the pipeline.</summary>
public sealed record CameraFrame(byte[] EncodedImage, long Sequence, DateTimeOffset CapturedAt);
