using System.Globalization;
using System.Text;
using System.Text.Json;
using ReaderKit.Face.Models.Onnx;

namespace ReaderKit.Face.Models;

/// <summary>Names given to a converted graph's inputs and outputs (TF tensor name → ONNX name).</summary>
/// <param name="Inputs">Placeholder name (without ":0") → ONNX input name.</param>
/// <param name="Outputs">Signature output tensor (e.g. "Identity_2:0") → ONNX output name, in the order they are emitted.</param>
internal sealed record GraphNaming(IReadOnlyDictionary<string, string> Inputs, IReadOnlyList<KeyValuePair<string, string>> Outputs);

/// <summary>
/// Converts a TF.js <c>graph-model</c> (model.json + weight shards) to ONNX (IR 7, opset 13). Tensors stay NHWC as in
/// TF; spatial ops use the transpose sandwich. Only whitelisted ops are accepted — anything else is a
/// <see cref="ConversionException"/>, never a silent approximation.
/// </summary>
internal sealed class TfjsGraphConverter
{
    /// <summary>TF ops this converter maps (every one exercised by blazeface or facemesh and checked against TF.js).</summary>
    public static readonly IReadOnlySet<string> SupportedOps = new HashSet<string>(StringComparer.Ordinal)
    {
        "Placeholder", "Const", "Identity", "_FusedConv2D", "Conv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative",
        "MaxPool", "AddV2", "Add", "Relu", "Prelu", "Sigmoid", "Pad", "Reshape",
    };

    private readonly Dictionary<string, JsonElement> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TfTensor> _weights;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _inputShapes = new(StringComparer.Ordinal);
    private readonly GraphBuilder _graph = new();
    private readonly GraphNaming _naming;
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    private TfjsGraphConverter(JsonElement topology, Dictionary<string, TfTensor> weights, GraphNaming naming)
    {
        foreach (JsonElement node in topology.GetProperty("node").EnumerateArray())
        {
            _nodes[node.GetProperty("name").GetString()!] = node;
        }

        _weights = weights;
        _naming = naming;
    }

    /// <summary>Converts <paramref name="modelJsonPath"/> (weights are read from the same folder).</summary>
    public static OnnxModel Convert(string modelJsonPath, string graphName, GraphNaming naming)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        JsonElement root = doc.RootElement;
        if (root.GetProperty("format").GetString() != "graph-model")
        {
            throw new ConversionException($"{modelJsonPath}: not a TF.js graph-model.");
        }

        Dictionary<string, TfTensor> weights = TfjsWeights.Read(root.GetProperty("weightsManifest"), Path.GetDirectoryName(modelJsonPath)!);
        JsonElement topology = root.GetProperty("modelTopology");
        if (topology.TryGetProperty("library", out JsonElement library) && library.ValueKind == JsonValueKind.Object
            && library.TryGetProperty("function", out JsonElement functions) && functions.GetArrayLength() > 0)
        {
            throw new ConversionException("Graph functions (control flow) are not supported.");
        }

        var converter = new TfjsGraphConverter(topology, weights, naming);
        Dictionary<string, long[]> outputShapes = ReadSignatureOutputs(root);
        var outputs = new List<OnnxValueInfo>();
        foreach ((string tfName, string onnxName) in naming.Outputs)
        {
            string value = converter.Resolve(tfName);
            converter._graph.Add("Identity", onnxName, [value], onnxName);
            outputs.Add(new OnnxValueInfo(onnxName, outputShapes.TryGetValue(tfName, out long[]? shape) ? shape
                : throw new ConversionException($"Output '{tfName}' is not in the model signature.")));
        }

        var inputs = naming.Inputs.Select(p => new OnnxValueInfo(p.Value,
            converter._inputShapes.TryGetValue(p.Key, out long[]? s) ? s : throw new ConversionException($"Input '{p.Key}' is not used by the outputs."))).ToList();
        return new OnnxModel(graphName, converter._graph.Nodes, converter._graph.Initializers, inputs, outputs,
            new Dictionary<string, string> { ["source"] = Path.GetFileName(modelJsonPath), ["layout"] = "NHWC" });
    }

    private static Dictionary<string, long[]> ReadSignatureOutputs(JsonElement root)
    {
        JsonElement signature = root.TryGetProperty("signature", out JsonElement s) && s.ValueKind == JsonValueKind.Object ? s
            : root.TryGetProperty("userDefinedMetadata", out JsonElement m) && m.TryGetProperty("signature", out JsonElement ms) ? ms
            : throw new ConversionException("model.json has no signature.");
        var result = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (JsonProperty output in signature.GetProperty("outputs").EnumerateObject())
        {
            string name = output.Value.GetProperty("name").GetString()!;
            result[name] = output.Value.GetProperty("tensorShape").GetProperty("dim").EnumerateArray()
                .Select(d => long.Parse(d.GetProperty("size").GetString()!, CultureInfo.InvariantCulture)).ToArray();
        }

        return result;
    }

    /// <summary>Returns the ONNX value name for a TF tensor reference ("node", "node:0"), converting on demand.</summary>
    private string Resolve(string reference)
    {
        string name = reference;
        int colon = name.LastIndexOf(':');
        if (colon > 0)
        {
            if (name[(colon + 1)..] != "0")
            {
                throw new ConversionException($"Multi-output reference '{reference}' is not supported.");
            }

            name = name[..colon];
        }

        if (_values.TryGetValue(name, out string? existing))
        {
            return existing;
        }

        if (!_nodes.TryGetValue(name, out JsonElement node))
        {
            throw new ConversionException($"Unknown tensor '{reference}'.");
        }

        if (!_inProgress.Add(name))
        {
            throw new ConversionException($"Cycle at '{name}'.");
        }

        string value = ConvertNode(name, node);
        _inProgress.Remove(name);
        _values[name] = value;
        return value;
    }

    private string ConvertNode(string name, JsonElement node)
    {
        string op = node.GetProperty("op").GetString()!;
        if (!SupportedOps.Contains(op))
        {
            throw new ConversionException($"TF op '{op}' (node '{name}') is not in the converter whitelist.");
        }

        string[] inputs = node.TryGetProperty("input", out JsonElement i)
            ? i.EnumerateArray().Select(e => e.GetString()!).Where(s => !s.StartsWith('^')).ToArray()
            : [];
        switch (op)
        {
            case "Placeholder":
                return ConvertPlaceholder(name, node);
            case "Const":
                TfTensor t = Weight(name);
                return _graph.Constant(name, t.Shape.Select(d => (long)d).ToArray(), t.RequireFloats());
            case "Identity":
                return Resolve(inputs[0]);
            case "_FusedConv2D":
            case "Conv2D":
            case "DepthwiseConv2dNative":
            case "FusedDepthwiseConv2dNative":
                return ConvertConv(name, op, node, inputs);
            case "MaxPool":
                RequireNhwc(node, name);
                int[] k = Ints(node, "ksize");
                int[] st = Ints(node, "strides");
                return _graph.PoolNhwc("MaxPool", Resolve(inputs[0]), name, k[1], k[2], st[1], st[2], Padding(node, name));
            case "AddV2":
            case "Add":
                return _graph.Add("Add", name, [Resolve(inputs[0]), Resolve(inputs[1])]);
            case "Relu":
                return _graph.Add("Relu", name, [Resolve(inputs[0])]);
            case "Sigmoid":
                return _graph.Add("Sigmoid", name, [Resolve(inputs[0])]);
            case "Prelu":
                return _graph.Add("PRelu", name, [Resolve(inputs[0]), Resolve(inputs[1])]);
            case "Reshape":
                int[] shape = Weight(StripPort(inputs[1])).RequireInts();
                if (shape.Contains(0))
                {
                    throw new ConversionException($"Reshape '{name}' to a zero-sized dimension.");
                }

                return _graph.Add("Reshape", name, [Resolve(inputs[0]), _graph.Constant(name + "/shape", [shape.Length], shape.Select(v => (long)v).ToArray())]);
            case "Pad":
                int[] p = Weight(StripPort(inputs[1])).RequireInts();
                int rank = p.Length / 2;
                long[] pads = new long[p.Length];
                for (int d = 0; d < rank; d++)
                {
                    pads[d] = p[2 * d];
                    pads[rank + d] = p[(2 * d) + 1];
                }

                return _graph.Add("Pad", name, [Resolve(inputs[0]), _graph.Constant(name + "/pads", [pads.Length], pads)], null,
                    new OnnxAttribute("mode", Text: "constant"));
            default:
                throw new ConversionException($"TF op '{op}' has no mapping.");
        }
    }

    private string ConvertPlaceholder(string name, JsonElement node)
    {
        if (!_naming.Inputs.TryGetValue(name, out string? onnxName))
        {
            throw new ConversionException($"Placeholder '{name}' has no ONNX input name.");
        }

        long[] dims = node.GetProperty("attr").GetProperty("shape").GetProperty("shape").GetProperty("dim").EnumerateArray()
            .Select(d => long.Parse(d.GetProperty("size").GetString()!, CultureInfo.InvariantCulture)).ToArray();
        _inputShapes[name] = dims;
        return onnxName;
    }

    private string ConvertConv(string name, string op, JsonElement node, string[] inputs)
    {
        RequireNhwc(node, name);
        if (Ints(node, "dilations").Any(d => d != 1))
        {
            throw new ConversionException($"Conv '{name}': dilations are not supported.");
        }

        int[] strides = Ints(node, "strides");
        TfPadding padding = Padding(node, name);
        string[] fused = op is "_FusedConv2D" or "FusedDepthwiseConv2dNative" ? Strings(node, "fused_ops") : [];
        if (fused.Length > 0 && fused[0] != "BiasAdd")
        {
            throw new ConversionException($"Conv '{name}': fused ops [{string.Join(",", fused)}] are not supported.");
        }

        TfTensor filter = Weight(StripPort(inputs[1]));
        int kh = filter.Shape[0], kw = filter.Shape[1], cin = filter.Shape[2], cm = filter.Shape[3];
        bool depthwise = op.Contains("Depthwise", StringComparison.Ordinal);
        int outChannels = depthwise ? cin * cm : cm;
        float[] bias = fused.Length > 0 ? Weight(StripPort(inputs[2])).RequireFloats() : new float[outChannels];
        if (bias.Length != outChannels)
        {
            throw new ConversionException($"Conv '{name}': bias has {bias.Length} values for {outChannels} channels.");
        }

        float[] weights = depthwise
            ? GraphBuilder.DepthwiseToOihw(filter.RequireFloats(), kh, kw, cin, cm)
            : GraphBuilder.HwioToOihw(filter.RequireFloats(), kh, kw, cin, cm);
        long[] dims = depthwise ? [outChannels, 1, kh, kw] : [outChannels, cin, kh, kw];
        string activation = fused.Length > 1 ? fused[1] : "None";
        if (fused.Length > 2)
        {
            throw new ConversionException($"Conv '{name}': fused ops [{string.Join(",", fused)}] are not supported.");
        }

        FusedActivation inner = activation switch
        {
            "None" or "Prelu" => FusedActivation.None,
            "Relu" => FusedActivation.Relu,
            "Relu6" => FusedActivation.Relu6,
            _ => throw new ConversionException($"Conv '{name}': fused activation {activation} is not supported."),
        };
        string y = _graph.ConvNhwc(Resolve(inputs[0]), name, weights, dims, bias, strides[1], strides[2], padding, depthwise ? cin : 1, inner);
        return activation == "Prelu" ? _graph.Add("PRelu", name + "/prelu", [y, Resolve(inputs[3])]) : y;
    }

    private TfTensor Weight(string name) =>
        _weights.TryGetValue(name, out TfTensor? t) ? t : throw new ConversionException($"No weights for constant '{name}'.");

    private static string StripPort(string reference) =>
        reference.EndsWith(":0", StringComparison.Ordinal) ? reference[..^2] : reference;

    private static void RequireNhwc(JsonElement node, string name)
    {
        if (node.GetProperty("attr").TryGetProperty("data_format", out _) && String(node, "data_format") != "NHWC")
        {
            throw new ConversionException($"'{name}': only NHWC data_format is supported.");
        }
    }

    private static TfPadding Padding(JsonElement node, string name) => String(node, "padding") switch
    {
        "SAME" => TfPadding.Same,
        "VALID" => TfPadding.Valid,
        var other => throw new ConversionException($"'{name}': padding {other} is not supported."),
    };

    private static string String(JsonElement node, string attr) =>
        Encoding.UTF8.GetString(Convert64(node.GetProperty("attr").GetProperty(attr).GetProperty("s").GetString()!));

    private static string[] Strings(JsonElement node, string attr) =>
        node.GetProperty("attr").GetProperty(attr).GetProperty("list").GetProperty("s").EnumerateArray()
            .Select(e => Encoding.UTF8.GetString(Convert64(e.GetString()!))).ToArray();

    private static int[] Ints(JsonElement node, string attr) =>
        node.GetProperty("attr").GetProperty(attr).GetProperty("list").GetProperty("i").EnumerateArray()
            .Select(e => int.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToArray();

    private static byte[] Convert64(string base64) => System.Convert.FromBase64String(base64);
}
