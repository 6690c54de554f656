using System.Security.Cryptography;

namespace ReaderKit.Host.Diagnostics;

/// <summary>
/// <c>face.models</c>: the model files exist, and when a <c>SHA256SUMS</c> file (sha256sum format) sits beside them,
/// every listed file matches it. Without SHA256SUMS the files are reported unverified (WARN).
/// </summary>
public sealed class FaceModelsCheck(string directory, IReadOnlyList<string> requiredFiles) : IDoctorCheck
{
    public string Name => "face.models";

    public async Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
    {
        const string fix = "Reinstall the package, or rebuild the models (firmware-host/ReaderKit.Face.Models/build-models.sh) and point READERKIT_MODELS at them.";
        var missing = requiredFiles.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
        {
            return new DoctorLine(Name, DoctorStatus.Fail, $"missing in {directory}: {string.Join(", ", missing)}", fix);
        }

        var sums = Path.Combine(directory, "SHA256SUMS");
        if (!File.Exists(sums))
        {
            return new DoctorLine(Name, DoctorStatus.Warn, $"{requiredFiles.Count} models present in {directory}, no SHA256SUMS to verify them", "Install the packaged models (they ship with SHA256SUMS).");
        }

        var bad = new List<string>();
        var listed = 0;
        foreach (var line in await File.ReadAllLinesAsync(sums, cancellationToken).ConfigureAwait(false))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                continue;
            }

            var file = parts[1].TrimStart('*', ' ');
            listed++;
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                bad.Add(file + " (missing)");
                continue;
            }

            await using var stream = File.OpenRead(path);
            var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (!string.Equals(hash, parts[0], StringComparison.OrdinalIgnoreCase))
            {
                bad.Add(file + " (checksum differs)");
            }
        }

        if (bad.Count > 0)
        {
            return new DoctorLine(Name, DoctorStatus.Fail, string.Join(", ", bad), fix);
        }

        var unlisted = requiredFiles.Where(f => !File.ReadLines(sums).Any(l => l.EndsWith(f, StringComparison.Ordinal))).ToList();
        return unlisted.Count > 0
            ? new DoctorLine(Name, DoctorStatus.Warn, $"not listed in SHA256SUMS: {string.Join(", ", unlisted)}", fix)
            : new DoctorLine(Name, DoctorStatus.Ok, $"{listed} files match SHA256SUMS in {directory}");
    }
}
