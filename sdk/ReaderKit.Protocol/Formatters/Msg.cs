using System.Globalization;
using MessagePack;

namespace ReaderKit.Protocol.Formatters;

/// <summary>Small helpers the hand-written formatters share: depth accounting, typed optional reads, required keys.</summary>
internal static class Msg
{
    public static int BeginMap(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw new RpcFormatException("Expected a map.");
        }

        DepthStep(ref reader);
        return reader.ReadMapHeader();
    }

    public static void EndMap(ref MessagePackReader reader) => reader.Depth--;

    /// <summary>
    /// The depth guard (the framing scanner enforces the same limit before decoding). Done here rather than through
    /// <c>MessagePackSecurity</c>, whose object-key comparer is not NativeAOT-safe and which nothing here needs.
    /// </summary>
    public static void DepthStep(ref MessagePackReader reader)
    {
        if (++reader.Depth > ProtocolLimits.DefaultMaxDepth)
        {
            throw new RpcFormatException($"The message nests deeper than {ProtocolLimits.DefaultMaxDepth} levels.");
        }
    }

    public static string Key(ref MessagePackReader reader) =>
        reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() ?? string.Empty : throw new RpcFormatException("Map keys must be strings.");

    public static string? String(ref MessagePackReader reader, string key)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        return reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() : throw Mistyped(key);
    }

    public static string Identifier(ref MessagePackReader reader, string key)
    {
        var value = String(ref reader, key) ?? throw Mistyped(key);
        return value.Length is > 0 and <= ProtocolLimits.MaxIdentifierLength ? value : throw new RpcFormatException($"'{key}' must be 1 to {ProtocolLimits.MaxIdentifierLength} characters.");
    }

    public static bool? Bool(ref MessagePackReader reader, string key)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        return reader.NextMessagePackType == MessagePackType.Boolean ? reader.ReadBoolean() : throw Mistyped(key);
    }

    public static long? Long(ref MessagePackReader reader, string key)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        return reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadInt64() : throw Mistyped(key);
    }

    public static int? Int(ref MessagePackReader reader, string key)
    {
        var value = Long(ref reader, key);
        return value is null ? null : value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : throw new RpcFormatException($"'{key}' is out of range.");
    }

    public static double? Double(ref MessagePackReader reader, string key)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        return reader.NextMessagePackType switch
        {
            MessagePackType.Float => reader.ReadDouble(),
            MessagePackType.Integer => reader.ReadInt64(),
            _ => throw Mistyped(key),
        };
    }

    public static byte[]? Bytes(ref MessagePackReader reader, string key)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        if (reader.NextMessagePackType != MessagePackType.Binary)
        {
            throw Mistyped(key);
        }

        var sequence = reader.ReadBytes();
        return sequence is null ? null : System.Buffers.BuffersExtensions.ToArray(sequence.Value);
    }

    public static List<string> Strings(ref MessagePackReader reader, MessagePackSerializerOptions options, string key, int max = 256)
    {
        var list = new List<string>();
        if (reader.TryReadNil())
        {
            return list;
        }

        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw Mistyped(key);
        }

        DepthStep(ref reader);
        var count = reader.ReadArrayHeader();
        if (count > max)
        {
            throw new RpcFormatException($"'{key}' has more than {max} items.");
        }

        for (var i = 0; i < count; i++)
        {
            list.Add(String(ref reader, key) ?? throw Mistyped(key));
        }

        reader.Depth--;
        return list;
    }

    public static int ArrayHeader(ref MessagePackReader reader, MessagePackSerializerOptions options, string key)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw Mistyped(key);
        }

        DepthStep(ref reader);
        return reader.ReadArrayHeader();
    }

    public static T Required<T>(T? value, string key)
        where T : class =>
        value ?? throw new RpcFormatException($"Missing key '{key}'.");

    public static T Required<T>(T? value, string key)
        where T : struct =>
        value ?? throw new RpcFormatException($"Missing key '{key}'.");

    public static RpcFormatException Mistyped(string key) => new($"'{key}' has the wrong type.");

    public static void Write(ref MessagePackWriter writer, string key, string? value)
    {
        writer.Write(key);
        writer.Write(value);
    }

    public static void WriteStrings(ref MessagePackWriter writer, string key, IReadOnlyList<string> values)
    {
        writer.Write(key);
        writer.WriteArrayHeader(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static int Count(params bool[] present)
    {
        var n = 0;
        foreach (var p in present)
        {
            n += p ? 1 : 0;
        }

        return n;
    }

    /// <summary>Writes an error-data or timing value: string, integer, boolean, double, string list or nil.</summary>
    public static void WriteValue(ref MessagePackWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNil();
                break;
            case string s:
                writer.Write(s);
                break;
            case bool b:
                writer.Write(b);
                break;
            case int i:
                writer.Write(i);
                break;
            case long l:
                writer.Write(l);
                break;
            case double d:
                writer.Write(d);
                break;
            case IReadOnlyList<string> list:
                writer.WriteArrayHeader(list.Count);
                foreach (var item in list)
                {
                    writer.Write(item);
                }

                break;
            default:
                writer.Write(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>Reads a value written by <see cref="WriteValue"/>; other shapes are skipped and read as null.</summary>
    public static object? ReadValue(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.String:
                return reader.ReadString();
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Integer:
                return reader.ReadInt64();
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.Array:
                DepthStep(ref reader);
                var count = reader.ReadArrayHeader();
                var list = new List<string>();
                var allStrings = true;
                for (var i = 0; i < count; i++)
                {
                    if (reader.NextMessagePackType == MessagePackType.String)
                    {
                        list.Add(reader.ReadString() ?? string.Empty);
                    }
                    else
                    {
                        allStrings = false;
                        reader.Skip();
                    }
                }

                reader.Depth--;
                return allStrings ? list : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public static Dictionary<string, object?>? ValueMap(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var count = BeginMap(ref reader, options);
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            map[Key(ref reader)] = ReadValue(ref reader, options);
        }

        EndMap(ref reader);
        return map;
    }

    public static void WriteValueMap(ref MessagePackWriter writer, IReadOnlyDictionary<string, object?> map)
    {
        writer.WriteMapHeader(map.Count);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.Write(key);
            WriteValue(ref writer, value);
        }
    }
}
