using System.Globalization;
using SkiaSharp;

namespace ReaderKit.VirtualCamera;

/// <summary>A face in one of the npm-shipped sample photos: file name and the face box in source pixels.</summary>
public sealed record SampleFace(string File, int X, int Y, int Size)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}@{X},{Y} ({Size}px)");
}

/// <summary>
/// Faces of different people found in the demo photos that npm <c>@vladmandic/face-api</c> 1.7.15 ships
/// (<c>demo/sample1.jpg … sample6.jpg</c>, 1920 px group/street photos). The boxes were measured once with
/// ReaderKit's BlazeFace detector on 640-px tiles and checked by eye; false detections were dropped, and so were faces
/// that the face pipeline's quality gates reject (turned heads: pose out of range, or too small), so every listed face
/// works both as a chip photo and in front of the camera. They are data
/// about those files, so a different package version that changed the photos would be caught by
/// <see cref="Locate"/> failing to find the files or by the face tests that re-detect the faces.
/// The photos themselves are never committed: they come from the pinned npm package at build time.
/// </summary>
public static class SampleFaces
{
    /// <summary>Environment variable that overrides the folder holding sample1.jpg … sample6.jpg.</summary>
    public const string DirectoryVariable = "READERKIT_SAMPLE_FACES";

    /// <summary>Twelve distinct people. More personas than faces reuse them round-robin (see <see cref="PersonaFaces"/>).</summary>
    public static IReadOnlyList<SampleFace> All { get; } =
    [
        new("sample5.jpg", 767, 154, 183),
        new("sample3.jpg", 1059, 259, 246),
        new("sample6.jpg", 238, 531, 229),
        new("sample2.jpg", 876, 256, 207),
        new("sample6.jpg", 1473, 310, 237),
        new("sample4.jpg", 231, 247, 193),
        new("sample3.jpg", 1467, 333, 235),
        new("sample5.jpg", 1107, 259, 181),
        new("sample2.jpg", 1456, 187, 197),
        new("sample3.jpg", 581, 373, 226),
        new("sample6.jpg", 1147, 336, 239),
        new("sample5.jpg", 355, 926, 241),
    ];

    /// <summary>
    /// The folder with the sample photos: <see cref="DirectoryVariable"/>, else the pinned npm install under the
    /// repository (found by walking up from the working directory and from this assembly to ReaderKit.sln).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The npm packages are not installed (run .ci/setup-deps.sh).</exception>
    public static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return Directory.Exists(fromEnv) ? fromEnv : throw new DirectoryNotFoundException($"{DirectoryVariable}={fromEnv} does not exist.");
        }

        const string Relative = "firmware-host/ReaderKit.Face.Models/npm/node_modules/@vladmandic/face-api/demo";
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ReaderKit.sln")))
                {
                    var candidate = Path.Combine(dir.FullName, Relative);
                    if (File.Exists(Path.Combine(candidate, "sample1.jpg")))
                    {
                        return candidate;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException(
            "The npm sample faces are not installed: run `bash .ci/setup-deps.sh` (npm ci in firmware-host/ReaderKit.Face.Models/npm) or set " + DirectoryVariable + ".");
    }

    /// <summary>Decodes the source photo of <paramref name="face"/>.</summary>
    public static SKBitmap LoadSource(SampleFace face, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        var path = Path.Combine(directory ?? Locate(), face.File);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Sample face photo {path} is missing (npm @vladmandic/face-api demo files).", path);
        }

        return SKBitmap.Decode(path) ?? throw new InvalidDataException($"Cannot decode sample face photo {path}.");
    }
}
