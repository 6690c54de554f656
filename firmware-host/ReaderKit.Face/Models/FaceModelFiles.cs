namespace ReaderKit.Face.Models;

/// <summary>
/// Locations of the converted models. <see cref="Locate"/> uses <c>READERKIT_MODELS</c> when set, otherwise the first
/// <c>artifacts/models</c> folder found walking up from the application's base directory (the repository layout).
/// </summary>
public sealed record FaceModelFiles(string Directory, string Detector, string Embedder)
{
    /// <summary>Environment variable overriding the model folder.</summary>
    public const string EnvironmentVariable = "READERKIT_MODELS";

    /// <summary>BlazeFace file name.</summary>
    public const string DetectorFileName = "blazeface.onnx";

    /// <summary>dlib ResNet (face-api face_recognition_model) file name.</summary>
    public const string EmbedderFileName = "face_recognition.onnx";

    /// <summary>MediaPipe FaceMesh (468 landmarks) file name; optional for the matching pipeline, needed by the active challenge.</summary>
    public const string FaceMeshFileName = "facemesh.onnx";

    /// <summary>Path of the FaceMesh model in <see cref="Directory"/> (not checked by <see cref="In"/>: only the landmarker needs it).</summary>
    public string FaceMesh => Path.Combine(Directory, FaceMeshFileName);

    /// <summary>Models in <paramref name="directory"/>; throws <see cref="FaceModelsMissingException"/> when a file is absent.</summary>
    public static FaceModelFiles In(string directory)
    {
        var files = new FaceModelFiles(directory, Path.Combine(directory, DetectorFileName), Path.Combine(directory, EmbedderFileName));
        var missing = new[] { files.Detector, files.Embedder }.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            throw new FaceModelsMissingException(
                $"face models missing: {string.Join(", ", missing)}. Build them with firmware-host/ReaderKit.Face.Models/build-models.sh " +
                $"(or set {EnvironmentVariable} to the folder holding {DetectorFileName} and {EmbedderFileName}).");
        }

        return files;
    }

    /// <summary>Finds the model folder (see the type remarks).</summary>
    public static FaceModelFiles Locate()
    {
        var overridden = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return In(overridden);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "artifacts", "models");
            if (File.Exists(Path.Combine(candidate, DetectorFileName)))
            {
                return In(candidate);
            }
        }

        throw new FaceModelsMissingException(
            $"face models not found: no artifacts/models/{DetectorFileName} above {AppContext.BaseDirectory} and {EnvironmentVariable} is not set. " +
            "Build them with firmware-host/ReaderKit.Face.Models/build-models.sh.");
    }
}
