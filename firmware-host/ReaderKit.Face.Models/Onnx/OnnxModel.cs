using System.Runtime.InteropServices;

namespace ReaderKit.Face.Models.Onnx;

/// <summary>ONNX tensor element types used here (TensorProto.DataType).</summary>
internal enum OnnxType
{
    Float = 1,
    Int64 = 7,
}

/// <summary>An initializer: float or int64 data with its dims.</summary>
internal sealed record OnnxTensor(string Name, long[] Dims, float[]? Floats, long[]? Int64s)
{
    public static OnnxTensor Of(string name, long[] dims, float[] data) => new(name, dims, data, null);

    public static OnnxTensor Of(string name, long[] dims, long[] data) => new(name, dims, null, data);

    public OnnxType Type => Floats is not null ? OnnxType.Float : OnnxType.Int64;

    public void WriteTo(ProtoWriter w)
    {
        foreach (long d in Dims)
        {
            w.WriteVarint(1, d);
        }

        w.WriteVarint(2, (long)Type);
        w.WriteString(8, Name);
        ReadOnlySpan<byte> raw = Floats is not null ? MemoryMarshal.AsBytes(Floats.AsSpan()) : MemoryMarshal.AsBytes(Int64s.AsSpan());
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian.");
        }

        w.WriteBytes(9, raw);
    }
}

/// <summary>A node attribute (only the kinds the converter emits).</summary>
internal sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null, string? Text = null)
{
    public void WriteTo(ProtoWriter w)
    {
        w.WriteString(1, Name);
        if (Int is { } i)
        {
            w.WriteVarint(3, i);
            w.WriteVarint(20, 2);
        }
        else if (Float is { } f)
        {
            w.WriteFloat(2, f);
            w.WriteVarint(20, 1);
        }
        else if (Ints is { } list)
        {
            foreach (long v in list)
            {
                w.WriteVarint(8, v);
            }

            w.WriteVarint(20, 7);
        }
        else if (Text is { } s)
        {
            w.WriteString(4, s);
            w.WriteVarint(20, 3);
        }
        else
        {
            throw new InvalidOperationException($"Attribute {Name} has no value.");
        }
    }
}

/// <summary>One graph node.</summary>
internal sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes)
{
    public void WriteTo(ProtoWriter w)
    {
        foreach (string input in Inputs)
        {
            w.WriteString(1, input);
        }

        foreach (string output in Outputs)
        {
            w.WriteString(2, output);
        }

        w.WriteString(3, Name);
        w.WriteString(4, OpType);
        foreach (OnnxAttribute a in Attributes)
        {
            w.WriteMessage(5, a.WriteTo);
        }
    }
}

/// <summary>A graph input or output: float tensor with fixed dims (negative = symbolic "N").</summary>
internal sealed record OnnxValueInfo(string Name, long[] Dims)
{
    public void WriteTo(ProtoWriter w)
    {
        w.WriteString(1, Name);
        w.WriteMessage(2, type => type.WriteMessage(1, tensor =>
        {
            tensor.WriteVarint(1, (long)OnnxType.Float);
            tensor.WriteMessage(2, shape =>
            {
                foreach (long d in Dims)
                {
                    shape.WriteMessage(1, dim =>
                    {
                        if (d >= 0)
                        {
                            dim.WriteVarint(1, d);
                        }
                        else
                        {
                            dim.WriteString(2, "N");
                        }
                    });
                }
            });
        }));
    }
}

/// <summary>A whole model: IR version 7, default-domain opset 13.</summary>
internal sealed record OnnxModel(
    string GraphName,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs,
    IReadOnlyDictionary<string, string> Metadata)
{
    public const long IrVersion = 7;
    public const long Opset = 13;

    public byte[] Serialize()
    {
        var w = new ProtoWriter();
        w.WriteVarint(1, IrVersion);
        w.WriteString(2, "ReaderKit.Face.Models");
        w.WriteString(3, "1");
        w.WriteMessage(7, WriteGraph);
        w.WriteMessage(8, opset =>
        {
            opset.WriteString(1, string.Empty);
            opset.WriteVarint(2, Opset);
        });
        foreach ((string key, string value) in Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteMessage(14, entry =>
            {
                entry.WriteString(1, key);
                entry.WriteString(2, value);
            });
        }

        return w.ToArray();
    }

    private void WriteGraph(ProtoWriter g)
    {
        foreach (OnnxNode node in Nodes)
        {
            g.WriteMessage(1, node.WriteTo);
        }

        g.WriteString(2, GraphName);
        foreach (OnnxTensor t in Initializers)
        {
            g.WriteMessage(5, t.WriteTo);
        }

        foreach (OnnxValueInfo input in Inputs)
        {
            g.WriteMessage(11, input.WriteTo);
        }

        foreach (OnnxValueInfo output in Outputs)
        {
            g.WriteMessage(12, output.WriteTo);
        }
    }
}
