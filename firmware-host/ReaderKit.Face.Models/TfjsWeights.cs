using System.Text.Json;

namespace ReaderKit.Face.Models;

/// <summary>
/// Reads a TF.js <c>weightsManifest</c> (shards concatenated per group) and dequantises like tfjs-core's
/// <c>decodeWeights</c>: uint8/uint16 → <c>q·scale + min</c> (computed in double, stored as float32), float16 → float32.
/// </summary>
internal static class TfjsWeights
{
    public static Dictionary<string, TfTensor> Read(JsonElement manifest, string directory)
    {
        var result = new Dictionary<string, TfTensor>(StringComparer.Ordinal);
        foreach (JsonElement group in manifest.EnumerateArray())
        {
            using var data = new MemoryStream();
            foreach (JsonElement path in group.GetProperty("paths").EnumerateArray())
            {
                string file = Path.Combine(directory, path.GetString()!);
                if (Path.GetFileName(file) != path.GetString())
                {
                    throw new ConversionException($"Weight shard path '{path.GetString()}' must be a plain file name.");
                }

                byte[] bytes = File.ReadAllBytes(file);
                data.Write(bytes);
            }

            byte[] buffer = data.ToArray();
            int offset = 0;
            foreach (JsonElement w in group.GetProperty("weights").EnumerateArray())
            {
                TfTensor tensor = Decode(w, buffer, ref offset);
                if (!result.TryAdd(tensor.Name, tensor))
                {
                    throw new ConversionException($"Duplicate weight '{tensor.Name}'.");
                }
            }

            if (offset != buffer.Length)
            {
                throw new ConversionException($"Weight shards hold {buffer.Length} bytes but the manifest describes {offset}.");
            }
        }

        return result;
    }

    private static TfTensor Decode(JsonElement w, byte[] buffer, ref int offset)
    {
        string name = w.GetProperty("name").GetString()!;
        int[] shape = w.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        string dtype = w.GetProperty("dtype").GetString()!;
        int count = shape.Aggregate(1, (a, b) => checked(a * b));
        string? quantDtype = null;
        double scale = 0, min = 0;
        if (w.TryGetProperty("quantization", out JsonElement q) && q.ValueKind == JsonValueKind.Object)
        {
            quantDtype = q.GetProperty("dtype").GetString();
            if (q.TryGetProperty("scale", out JsonElement s))
            {
                scale = s.GetDouble();
                min = q.GetProperty("min").GetDouble();
            }
        }

        int width = (quantDtype ?? dtype) switch
        {
            "float32" or "int32" => 4,
            "float16" or "uint16" => 2,
            "uint8" => 1,
            var other => throw new ConversionException($"Weight '{name}': unsupported dtype {other}."),
        };
        int bytes = checked(count * width);
        if (offset + bytes > buffer.Length)
        {
            throw new ConversionException($"Weight '{name}' runs past the end of the shards.");
        }

        ReadOnlySpan<byte> raw = buffer.AsSpan(offset, bytes);
        offset += bytes;
        if (dtype == "int32")
        {
            if (quantDtype is not null)
            {
                throw new ConversionException($"Weight '{name}': quantised int32 is not supported.");
            }

            var ints = new int[count];
            for (int i = 0; i < count; i++)
            {
                ints[i] = BitConverter.ToInt32(raw.Slice(i * 4, 4));
            }

            return new TfTensor(name, shape, null, ints);
        }

        if (dtype != "float32")
        {
            throw new ConversionException($"Weight '{name}': unsupported dtype {dtype}.");
        }

        var floats = new float[count];
        switch (quantDtype)
        {
            case null or "float32":
                for (int i = 0; i < count; i++)
                {
                    floats[i] = BitConverter.ToSingle(raw.Slice(i * 4, 4));
                }

                break;
            case "float16":
                for (int i = 0; i < count; i++)
                {
                    floats[i] = (float)BitConverter.ToHalf(raw.Slice(i * 2, 2));
                }

                break;
            case "uint8":
                for (int i = 0; i < count; i++)
                {
                    floats[i] = (float)((raw[i] * scale) + min);
                }

                break;
            case "uint16":
                for (int i = 0; i < count; i++)
                {
                    floats[i] = (float)((BitConverter.ToUInt16(raw.Slice(i * 2, 2)) * scale) + min);
                }

                break;
        }

        return new TfTensor(name, shape, floats, null);
    }
}
