using System.Security.Cryptography;
using System.Text.Json;

namespace ReaderKit.Face.Models;

/// <summary>
/// Integrity check of the converted models: <c>models.json</c> (written by ReaderKit.Face.Models next to the <c>.onnx</c> files)
/// lists each model's SHA-256; <see cref="Verify"/> hashes the files on disk and compares. A missing file or manifest →
/// <see cref="FaceModelsMissingException"/>; a file whose hash differs, a file the manifest does not list, or an unreadable
/// manifest → <see cref="FaceModelInvalidException"/>. Fail closed: a tampered or half-copied model never runs.
/// </summary>
public static class FaceModelManifest
{
    /// <summary>Manifest file name in the model folder.</summary>
    public const string FileName = "models.json";

    /// <summary>Checks <paramref name="fileNames"/> (e.g. <c>blazeface.onnx</c>) in <paramref name="directory"/> against the manifest.</summary>
    public static void Verify(string directory, IEnumerable<string> fileNames)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(fileNames);
        var expected = Read(directory);
        foreach (var name in fileNames.Distinct(StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                throw new FaceModelsMissingException(
                    $"face model missing: {path}. Build it with firmware-host/ReaderKit.Face.Models/build-models.sh (or set {FaceModelFiles.EnvironmentVariable}).");
            }

            if (!expected.TryGetValue(name, out var sha))
            {
                throw new FaceModelInvalidException($"face model {name} is not listed in {Path.Combine(directory, FileName)}");
            }

            var actual = Hash(path);
            if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
            {
                throw new FaceModelInvalidException($"face model {name} does not match {FileName} (SHA-256 {actual[..12]}…, expected {sha[..Math.Min(12, sha.Length)]}…)");
            }
        }
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static Dictionary<string, string> Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new FaceModelsMissingException(
                $"face model manifest missing: {path}. Build the models with firmware-host/ReaderKit.Face.Models/build-models.sh.");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var model in doc.RootElement.GetProperty("models").EnumerateObject())
            {
                var sha = model.Value.GetProperty("sha256").GetString();
                if (sha is null || sha.Length != 64)
                {
                    throw new FaceModelInvalidException($"{path}: model {model.Name} has no SHA-256");
                }

                result[model.Name] = sha;
            }

            return result;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FaceModelInvalidException($"{path} is not a readable model manifest: {e.Message}", e);
        }
    }
}
