using System.Globalization;
using System.Text;
using System.Text.Json;
using ReaderKit.Face.Models.Onnx;

namespace ReaderKit.Face.Models;

/// <summary>Names given to a converted graph's inputs and outputs (TF tensor name → ONNX name).</summary>
/// <param name="Inputs">Placeholder name (without ":0") → ONNX input name.</param>
/// <param name="Outputs">Signature output tensor (e.g. "Identity_2:0") → ONNX output name, in the order they are emitted.</param>
/// <param name="BatchOne">Fix a dynamic batch dimension of the inputs to 1 (the runtime always feeds one face).</param>
/// <param name="OutputShapes">Output shapes for signatures that do not declare them (ONNX output name → dims).</param>
internal sealed record GraphNaming(
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyList<KeyValuePair<string, string>> Outputs,
    bool BatchOne = false,
    IReadOnlyDictionary<string, long[]>? OutputShapes = null);

/// <summary>
/// Converts a TF.js <c>graph-model</c> (model.json + weight shards) to ONNX (IR 7, opset 13). Inputs and outputs stay
/// NHWC as in TF; inside, convolutions and pools run in NCHW and every value remembers its layout, so element-wise ops
/// follow whatever layout their inputs have and a transpose is emitted only where the layout really changes (graph input,
/// Reshape, outputs). Channel-only zero padding becomes an identity 1×1 convolution. Both keep ONNX Runtime's blocked
/// NCHWc layout unbroken; the arithmetic is unchanged. Only whitelisted ops are accepted — anything else is a
/// <see cref="ConversionException"/>, never a silent approximation.
/// </summary>
internal sealed class TfjsGraphConverter
{
    /// <summary>
    /// TF ops this converter maps (every one exercised by a catalogued model — blazeface, facemesh, faceres, mobileface,
    /// mobilefacenet — and checked against TF.js).
    /// </summary>
    public static readonly IReadOnlySet<string> SupportedOps = new HashSet<string>(StringComparer.Ordinal)
    {
        "Placeholder", "Const", "Identity", "_FusedConv2D", "Conv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative",
        "MaxPool", "AddV2", "Add", "Sub", "Mul", "Maximum", "Minimum", "Relu", "Prelu", "Sigmoid", "Abs", "Rsqrt", "Square",
        "Pad", "Reshape", "Squeeze", "Mean", "Sum", "MatMul", "_FusedMatMul", "Softmax",
    };

    /// <summary>TF binary element-wise op → ONNX op (TF and ONNX broadcast the same way, numpy-style).</summary>
    private static readonly Dictionary<string, string> BinaryOps = new(StringComparer.Ordinal)
    {
        ["Add"] = "Add", ["AddV2"] = "Add", ["Sub"] = "Sub", ["Mul"] = "Mul", ["Maximum"] = "Max", ["Minimum"] = "Min",
    };

    private readonly Dictionary<string, JsonElement> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TfTensor> _weights;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _inputShapes = new(StringComparer.Ordinal);
    private readonly GraphBuilder _graph = new();
    private readonly GraphNaming _naming;
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Layout> _layouts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _transposed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _consumers = new(StringComparer.Ordinal);

    /// <summary>
    /// Convolution outputs with at least this many channels are stored zero-padded to a multiple of it: ONNX Runtime's
    /// blocked NCHWc layout uses blocks of 16 channels with AVX-512 and on arm64 NEON (8 with AVX2) and pads convolutions
    /// internally anyway, but drops MaxPool (and everything after it) back to NCHW when the channel count is not a multiple
    /// of the block. The extra channels are exactly zero (zero weights and bias), so every real output is unchanged.
    /// </summary>
    private const int ChannelAlignment = 16;

    /// <summary>Memory layout of a converted value.</summary>
    private enum Layout
    {
        /// <summary>Not a 4-D activation (constants, reshaped outputs): used as TF defines it.</summary>
        Other,

        /// <summary>A 4-D activation in TF's NHWC order.</summary>
        Nhwc,

        /// <summary>A 4-D activation transposed to NCHW.</summary>
        Nchw,
    }

    private TfjsGraphConverter(JsonElement topology, Dictionary<string, TfTensor> weights, GraphNaming naming)
    {
        foreach (JsonElement node in topology.GetProperty("node").EnumerateArray())
        {
            _nodes[node.GetProperty("name").GetString()!] = node;
            if (node.TryGetProperty("input", out JsonElement uses))
            {
                foreach (string use in uses.EnumerateArray().Select(u => StripPort(u.GetString()!)))
                {
                    _consumers[use] = _consumers.GetValueOrDefault(use) + 1;
                }
            }
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
            string value = converter.AsNhwc(converter.Resolve(tfName));
            converter._graph.Add("Identity", onnxName, [value], onnxName);
            long[]? declared = naming.OutputShapes is { } given && given.TryGetValue(onnxName, out long[]? explicitShape) ? explicitShape : null;
            outputs.Add(new OnnxValueInfo(onnxName, declared ?? (outputShapes.TryGetValue(tfName, out long[]? shape) && shape.Length > 0 ? shape
                : throw new ConversionException($"Output '{tfName}' has no shape in the model signature."))));
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
            result[name] = output.Value.TryGetProperty("tensorShape", out JsonElement tensorShape)
                ? tensorShape.GetProperty("dim").EnumerateArray().Select(d => long.Parse(d.GetProperty("size").GetString()!, CultureInfo.InvariantCulture)).ToArray()
                : [];
            result[output.Name] = result[name];
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
                string pooled = Resolve(inputs[0]);
                return SameChannels(Nchw(_graph.PoolNchw("MaxPool", AsNchw(pooled), name, k[1], k[2], st[1], st[2], Padding(node, name))), pooled);
            case "AddV2":
            case "Add":
            case "Sub":
            case "Mul":
            case "Maximum":
            case "Minimum":
                return TryClip(name, op, inputs) ?? ConvertBinary(name, op, inputs[0], inputs[1]);
            case "Relu":
            case "Sigmoid":
            case "Abs":
                string input = Resolve(inputs[0]);
                return SameChannels(WithLayout(_graph.Add(op, name, [input]), LayoutOf(input)), input);
            case "Square":
                string squared = Resolve(inputs[0]);
                return SameChannels(WithLayout(_graph.Add("Mul", name, [squared, squared]), LayoutOf(squared)), squared);
            case "Rsqrt":
                string radicand = Resolve(inputs[0]);
                string root = _graph.Add("Sqrt", name + "/sqrt", [radicand]);
                return SameChannels(WithLayout(_graph.Add("Reciprocal", name, [root]), LayoutOf(radicand)), radicand);
            case "Softmax":
                string logits = AsNhwc(Resolve(inputs[0]));
                return WithLayout(_graph.Add("Softmax", name, [logits], null, new OnnxAttribute("axis", Int: -1)), LayoutOf(logits));
            case "Mean":
            case "Sum":
                return ConvertReduce(name, op, node, Resolve(inputs[0]), Weight(StripPort(inputs[1])).RequireInts());
            case "Squeeze":
                return ConvertSqueeze(name, Resolve(inputs[0]), Ints(node, "squeeze_dims"));
            case "MatMul":
            case "_FusedMatMul":
                return ConvertMatMul(name, op, node, inputs);
            case "Prelu":
                return ConvertPrelu(name, Resolve(inputs[0]), inputs[1]);
            case "Reshape":
                int[] shape = Weight(StripPort(inputs[1])).RequireInts();
                if (shape.Contains(0))
                {
                    throw new ConversionException($"Reshape '{name}' to a zero-sized dimension.");
                }

                return _graph.Add("Reshape", name, [AsNhwc(Resolve(inputs[0])), _graph.Constant(name + "/shape", [shape.Length], shape.Select(v => (long)v).ToArray())]);
            case "Pad":
                return ConvertPad(name, Resolve(inputs[0]), Weight(StripPort(inputs[1])).RequireInts());
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
        if (_naming.BatchOne && dims.Length > 0 && dims[0] < 0)
        {
            dims[0] = 1;
        }

        _inputShapes[name] = dims;
        if (dims.Length == 4 && dims[3] > 0)
        {
            _channels[onnxName] = (int)dims[3];
        }

        return WithLayout(onnxName, dims.Length == 4 ? Layout.Nhwc : Layout.Other);
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

        string x = AsNchw(Resolve(inputs[0]));
        int storedIn = StoredChannels(x) ?? cin;
        if (storedIn < cin || (depthwise && cm != 1 && storedIn != cin))
        {
            throw new ConversionException($"Conv '{name}': input has {storedIn} stored channels for {cin} real ones.");
        }

        // Widened layout: depthwise keeps the input's stored channels; a full conv reads them and aligns its own output.
        int storedOut = depthwise ? (cm == 1 ? storedIn : outChannels) : Align(outChannels);
        int storedInPerGroup = depthwise ? 1 : storedIn;
        float[] weights = PadOihw(
            depthwise ? GraphBuilder.DepthwiseToOihw(filter.RequireFloats(), kh, kw, cin, cm) : GraphBuilder.HwioToOihw(filter.RequireFloats(), kh, kw, cin, cm),
            outChannels, depthwise ? 1 : cin, kh * kw, storedOut, storedInPerGroup);
        bias = [.. bias, .. new float[storedOut - outChannels]];
        long[] dims = [storedOut, storedInPerGroup, kh, kw];
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
        string y = Nchw(_graph.ConvNchw(x, name, weights, dims, bias, strides[1], strides[2], padding, depthwise ? storedOut / cm : 1, inner));
        _channels[y] = outChannels;
        _stored[y] = storedOut;
        return activation == "Prelu" ? ConvertPrelu(name + "/prelu", y, inputs[3]) : y;
    }

    private static int Align(int channels) =>
        channels < ChannelAlignment ? channels : (channels + ChannelAlignment - 1) / ChannelAlignment * ChannelAlignment;

    private int? StoredChannels(string value) =>
        _stored.TryGetValue(value, out int s) ? s : _channels.TryGetValue(value, out int c) ? c : null;

    /// <summary>OIHW weights [o, i, k] zero-padded to [<paramref name="toO"/>, <paramref name="toI"/>, k].</summary>
    private static float[] PadOihw(float[] weights, int o, int i, int k, int toO, int toI)
    {
        if (toO == o && toI == i)
        {
            return weights;
        }

        var padded = new float[toO * toI * k];
        for (int oo = 0; oo < o; oo++)
        {
            Array.Copy(weights, oo * i * k, padded, oo * toI * k, i * k);
        }

        return padded;
    }

    /// <summary>An NCHW activation widened to <paramref name="stored"/> channels with zeros (identity 1×1 conv, exact).</summary>
    private string Widen(string value, int stored, string hint)
    {
        int current = StoredChannels(value) ?? throw new ConversionException($"'{value}': unknown channel count.");
        if (current == stored)
        {
            return value;
        }

        string widened = Nchw(_graph.PadChannelsNchw(value, hint + "/widen", current, stored));
        _channels[widened] = _channels[value];
        _stored[widened] = stored;
        return widened;
    }

    /// <summary>Records that <paramref name="value"/> has as many channels as <paramref name="source"/> (when known).</summary>
    private string SameChannels(string value, string source)
    {
        if (_channels.TryGetValue(source, out int c))
        {
            _channels[value] = c;
        }

        if (_stored.TryGetValue(source, out int stored))
        {
            _stored[value] = stored;
        }

        return value;
    }

    private Layout LayoutOf(string value) => _layouts.TryGetValue(value, out Layout layout) ? layout : Layout.Other;

    private string WithLayout(string value, Layout layout)
    {
        _layouts[value] = layout;
        return value;
    }

    private string Nchw(string value) => WithLayout(value, Layout.Nchw);

    /// <summary>The value in NCHW (a 4-D NHWC activation is transposed once; the transpose is shared by every consumer).</summary>
    private string AsNchw(string value) => LayoutOf(value) switch
    {
        Layout.Nchw => value,
        Layout.Nhwc => Transposed(value, toNchw: true),
        _ => throw new ConversionException($"'{value}' is not a 4-D activation; it cannot feed a convolution or pool."),
    };

    /// <summary>The value in TF's own layout (NCHW activations are transposed back once).</summary>
    private string AsNhwc(string value) => LayoutOf(value) == Layout.Nchw ? Transposed(value, toNchw: false) : value;

    private string Transposed(string value, bool toNchw)
    {
        string key = (toNchw ? "nchw:" : "nhwc:") + value;
        if (!_transposed.TryGetValue(key, out string? result))
        {
            if (toNchw)
            {
                result = SameChannels(Nchw(_graph.ToNchwLayout(value, value)), value);
            }
            else
            {
                // Back to TF's layout: drop the zero channels added for alignment first.
                string real = value;
                if (_channels.TryGetValue(value, out int c) && StoredChannels(value) > c)
                {
                    real = _graph.Add("Slice", value + "/real_channels", [value, _graph.Constant(value + "/starts", [1], [0L]),
                        _graph.Constant(value + "/ends", [1], [(long)c]), _graph.Constant(value + "/axes", [1], [1L])]);
                }

                result = WithLayout(_graph.ToNhwcLayout(real, value), Layout.Nhwc);
                if (_channels.TryGetValue(value, out int realChannels))
                {
                    _channels[result] = realChannels;
                }
            }

            _transposed[key] = result;
        }

        return result;
    }

    /// <summary>
    /// Binary element-wise op. Two activations of different layouts meet in NCHW (zero-widened to the same stored channels). A
    /// constant operand next to an NCHW activation is applied in NCHW when it is a scalar or a per-channel vector (reshaped to
    /// [C, 1, 1], zero for alignment channels); any other constant is applied in TF's layout.
    /// </summary>
    private string ConvertBinary(string name, string op, string left, string right)
    {
        string onnxOp = BinaryOps[op];
        bool leftConst = IsConstant(left), rightConst = IsConstant(right);
        if (leftConst != rightConst)
        {
            string activation = Resolve(leftConst ? right : left);
            TfTensor constant = Weight(StripPort(leftConst ? left : right));
            float[] data = constant.RequireFloats();
            if (LayoutOf(activation) == Layout.Nchw)
            {
                string? c = null;
                if (constant.Size == 1)
                {
                    c = _graph.Constant(StripPort(leftConst ? left : right) + "/scalar", [], [data[0]]);
                }
                else if (constant.Shape.Length >= 1 && constant.Shape[..^1].All(d => d == 1) && _channels.TryGetValue(activation, out int channels)
                    && constant.Shape[^1] == channels)
                {
                    int stored = StoredChannels(activation) ?? channels;
                    c = _graph.Constant(StripPort(leftConst ? left : right) + "/nchw", [stored, 1, 1], [.. data, .. new float[stored - channels]]);
                }

                if (c is not null)
                {
                    string[] operands = leftConst ? [c, activation] : [activation, c];
                    return SameChannels(Nchw(_graph.Add(onnxOp, name, operands)), activation);
                }

                activation = AsNhwc(activation);
            }

            string k = Resolve(leftConst ? left : right);
            string[] ordered = leftConst ? [k, activation] : [activation, k];
            return SameChannels(WithLayout(_graph.Add(onnxOp, name, ordered), LayoutOf(activation)), activation);
        }

        string a = Resolve(left), b = Resolve(right);
        (Layout la, Layout lb) = (LayoutOf(a), LayoutOf(b));
        if (la != Layout.Other && lb != Layout.Other)
        {
            if (la == Layout.Nhwc && lb == Layout.Nhwc)
            {
                return SameChannels(WithLayout(_graph.Add(onnxOp, name, [a, b]), Layout.Nhwc), a);
            }

            (a, b) = (AsNchw(a), AsNchw(b));
            if (StoredChannels(a) is int sa && StoredChannels(b) is int sb && sa != sb)
            {
                (a, b) = (Widen(a, Math.Max(sa, sb), name + "/a"), Widen(b, Math.Max(sa, sb), name + "/b"));
            }

            return SameChannels(SameChannels(Nchw(_graph.Add(onnxOp, name, [a, b])), b), a);
        }

        return WithLayout(_graph.Add(onnxOp, name, [AsNhwc(a), AsNhwc(b)]), la == Layout.Nhwc || lb == Layout.Nhwc ? Layout.Nhwc : Layout.Other);
    }

    /// <summary>
    /// Keras' ReLU6 as TF exports it — <c>Maximum(Minimum(Relu(x), hi), lo)</c> with scalar constants, the inner nodes used
    /// only here — becomes one <c>Clip(x, max(0, lo), hi)</c> (exactly equal when <c>max(0, lo) ≤ hi</c>), which ONNX Runtime
    /// fuses into the preceding convolution. Returns null when the pattern does not match.
    /// </summary>
    private string? TryClip(string name, string op, string[] inputs)
    {
        if (op != "Maximum" || inputs.Length != 2)
        {
            return null;
        }

        (string? inner, float? lo) = ScalarOperand(inputs);
        if (inner is null || lo is null || !_nodes.TryGetValue(inner, out JsonElement minimum) || minimum.GetProperty("op").GetString() != "Minimum"
            || _consumers.GetValueOrDefault(inner) != 1)
        {
            return null;
        }

        string[] minInputs = minimum.GetProperty("input").EnumerateArray().Select(e => e.GetString()!).ToArray();
        (string? relu, float? hi) = ScalarOperand(minInputs);
        if (relu is null || hi is null || !_nodes.TryGetValue(relu, out JsonElement reluNode) || reluNode.GetProperty("op").GetString() != "Relu"
            || _consumers.GetValueOrDefault(relu) != 1 || Math.Max(0f, lo.Value) > hi.Value)
        {
            return null;
        }

        string x = Resolve(reluNode.GetProperty("input")[0].GetString()!);
        string clipped = _graph.Add("Clip", name, [x, _graph.Constant(name + "/lo", [], [Math.Max(0f, lo.Value)]), _graph.Constant(name + "/hi", [], [hi.Value])]);
        return SameChannels(WithLayout(clipped, LayoutOf(x)), x);
    }

    /// <summary>For a binary node's inputs: the non-constant operand's node name and the scalar constant's value, or nulls.</summary>
    private (string? Other, float? Scalar) ScalarOperand(string[] inputs)
    {
        if (inputs.Length != 2 || IsConstant(inputs[0]) == IsConstant(inputs[1]))
        {
            return (null, null);
        }

        (string constant, string other) = IsConstant(inputs[0]) ? (inputs[0], inputs[1]) : (inputs[1], inputs[0]);
        TfTensor t = Weight(StripPort(constant));
        return t.Size == 1 && t.Floats is { } f ? (StripPort(other), f[0]) : (null, null);
    }

    private bool IsConstant(string reference) =>
        _nodes.TryGetValue(StripPort(reference), out JsonElement node) && node.GetProperty("op").GetString() == "Const";

    /// <summary>TF axis of a rank-4 NHWC tensor → the same axis of its NCHW copy.</summary>
    private static long NchwAxis(int tfAxis) => tfAxis switch
    {
        0 => 0,
        1 => 2,
        2 => 3,
        3 => 1,
        _ => throw new ConversionException($"axis {tfAxis} out of range for a 4-D tensor"),
    };

    /// <summary>
    /// Mean/Sum over constant axes. On an NCHW activation the axes are permuted; reducing exactly the spatial axes without
    /// keep_dims leaves [N, C] in TF's order (alignment channels sliced off). Anything else runs in TF's layout.
    /// </summary>
    private string ConvertReduce(string name, string op, JsonElement node, string x, int[] axes)
    {
        bool keepDims = node.GetProperty("attr").TryGetProperty("keep_dims", out JsonElement kd) && kd.TryGetProperty("b", out JsonElement b) && b.GetBoolean();
        int[] normalised = axes.Select(a => a < 0 ? a + 4 : a).Order().ToArray();
        bool spatialOnNchw = LayoutOf(x) == Layout.Nchw && normalised.SequenceEqual([1, 2]);
        if (!spatialOnNchw)
        {
            x = AsNhwc(x);
        }

        long[] onnxAxes = spatialOnNchw ? [.. normalised.Select(NchwAxis)] : [.. axes.Select(a => (long)a)];
        string reduced = op == "Mean"
            ? _graph.Add("ReduceMean", name, [x], null, new OnnxAttribute("axes", Ints: onnxAxes), new OnnxAttribute("keepdims", Int: keepDims ? 1 : 0))
            : _graph.Add("ReduceSum", name, [x, _graph.Constant(name + "/axes", [onnxAxes.Length], onnxAxes)], null, new OnnxAttribute("keepdims", Int: keepDims ? 1 : 0));
        if (!spatialOnNchw)
        {
            return WithLayout(reduced, keepDims ? LayoutOf(x) : Layout.Other);
        }

        if (keepDims)
        {
            return SameChannels(Nchw(reduced), x);
        }

        return WithLayout(SliceRealChannels(reduced, x), Layout.Other);
    }

    /// <summary>Squeeze of constant axes; squeezing the two spatial axes of an NCHW activation gives [N, C] directly.</summary>
    private string ConvertSqueeze(string name, string x, int[] axes)
    {
        int[] normalised = axes.Select(a => a < 0 ? a + 4 : a).Order().ToArray();
        if (LayoutOf(x) == Layout.Nchw && normalised.SequenceEqual([1, 2]))
        {
            string squeezed = _graph.Add("Squeeze", name, [x, _graph.Constant(name + "/axes", [2], [2L, 3L])]);
            return WithLayout(SliceRealChannels(squeezed, x), Layout.Other);
        }

        string nhwc = AsNhwc(x);
        return WithLayout(_graph.Add("Squeeze", name, [nhwc, _graph.Constant(name + "/axes", [axes.Length], axes.Select(a => (long)a).ToArray())]), Layout.Other);
    }

    /// <summary>[N, stored] → [N, real] when <paramref name="source"/> carries alignment channels.</summary>
    private string SliceRealChannels(string value, string source)
    {
        if (_channels.TryGetValue(source, out int c) && StoredChannels(source) > c)
        {
            return _graph.Add("Slice", value + "/real_channels", [value, _graph.Constant(value + "/starts", [1], [0L]),
                _graph.Constant(value + "/ends", [1], [(long)c]), _graph.Constant(value + "/axes", [1], [1L])]);
        }

        return value;
    }

    /// <summary>MatMul with a constant right-hand side; <c>_FusedMatMul</c> with BiasAdd (and Relu) becomes a Gemm (+ Relu).</summary>
    private string ConvertMatMul(string name, string op, JsonElement node, string[] inputs)
    {
        JsonElement attr = node.GetProperty("attr");
        if ((attr.TryGetProperty("transpose_a", out JsonElement ta) && ta.TryGetProperty("b", out JsonElement tab) && tab.GetBoolean())
            || (attr.TryGetProperty("transpose_b", out JsonElement tb) && tb.TryGetProperty("b", out JsonElement tbb) && tbb.GetBoolean()))
        {
            throw new ConversionException($"MatMul '{name}': transposed operands are not supported.");
        }

        string a = AsNhwc(Resolve(inputs[0]));
        if (LayoutOf(a) != Layout.Other)
        {
            throw new ConversionException($"MatMul '{name}': left operand is not a 2-D tensor.");
        }

        TfTensor kernel = Weight(StripPort(inputs[1]));
        if (kernel.Shape.Length != 2)
        {
            throw new ConversionException($"MatMul '{name}': kernel is not 2-D.");
        }

        string w = _graph.Constant(StripPort(inputs[1]), [kernel.Shape[0], kernel.Shape[1]], kernel.RequireFloats());
        if (op == "MatMul")
        {
            return WithLayout(_graph.Add("MatMul", name, [a, w]), Layout.Other);
        }

        string[] fused = Strings(node, "fused_ops");
        if (fused.Length is < 1 or > 2 || fused[0] != "BiasAdd" || (fused.Length == 2 && fused[1] != "Relu"))
        {
            throw new ConversionException($"MatMul '{name}': fused ops [{string.Join(",", fused)}] are not supported.");
        }

        TfTensor bias = Weight(StripPort(inputs[2]));
        string y = _graph.Add("Gemm", name, [a, w, _graph.Constant(StripPort(inputs[2]), [bias.Size], bias.RequireFloats())]);
        return WithLayout(fused.Length == 2 ? _graph.Add("Relu", name + "/relu", [y]) : y, Layout.Other);
    }

    /// <summary>PRelu with a per-channel constant slope: in NCHW the slope becomes [C, 1, 1]; other slopes are applied in NHWC.</summary>
    private string ConvertPrelu(string name, string x, string alphaReference)
    {
        string alphaName = StripPort(alphaReference);
        if (LayoutOf(x) == Layout.Nchw && _nodes.TryGetValue(alphaName, out JsonElement alphaNode) && alphaNode.GetProperty("op").GetString() == "Const")
        {
            TfTensor alpha = Weight(alphaName);
            if (alpha.Shape.Length >= 1 && alpha.Shape[..^1].All(d => d == 1))
            {
                int stored = Math.Max(StoredChannels(x) ?? alpha.Shape[^1], alpha.Shape[^1]);
                string slope = _graph.Constant(alphaName + "/nchw", [stored, 1, 1], [.. alpha.RequireFloats(), .. new float[stored - alpha.Shape[^1]]]);
                return SameChannels(Nchw(_graph.Add("PRelu", name, [x, slope])), x);
            }
        }

        string nhwc = AsNhwc(x);
        return SameChannels(WithLayout(_graph.Add("PRelu", name, [nhwc, Resolve(alphaReference)]), LayoutOf(nhwc)), nhwc);
    }

    /// <summary>
    /// TF Pad (pairs per NHWC axis) → ONNX Pad (all begins, then all ends). On an NCHW activation the pads are permuted, and
    /// padding only the channels at the end with zeros becomes an identity 1×1 convolution (keeps ORT's blocked layout).
    /// </summary>
    private string ConvertPad(string name, string x, int[] tfPads)
    {
        int rank = tfPads.Length / 2;
        int[] axes = LayoutOf(x) == Layout.Nchw && rank == 4 ? [0, 3, 1, 2] : Enumerable.Range(0, rank).ToArray();
        long[] pads = new long[tfPads.Length];
        for (int d = 0; d < rank; d++)
        {
            pads[d] = tfPads[2 * axes[d]];
            pads[rank + d] = tfPads[(2 * axes[d]) + 1];
        }

        if (LayoutOf(x) == Layout.Nchw && rank == 4 && pads.Select((v, i) => i == 5 ? 0 : v).All(v => v == 0) && pads[5] > 0
            && _channels.TryGetValue(x, out int channels))
        {
            int target = channels + (int)pads[5];
            string padded = Nchw(_graph.PadChannelsNchw(x, name, StoredChannels(x) ?? channels, Align(target)));
            _channels[padded] = target;
            _stored[padded] = Align(target);
            return padded;
        }

        string result = WithLayout(_graph.Add("Pad", name, [x, _graph.Constant(name + "/pads", [pads.Length], pads)], null,
            new OnnxAttribute("mode", Text: "constant")), LayoutOf(x));
        if (LayoutOf(x) == Layout.Nchw && rank == 4 && _channels.TryGetValue(x, out int real) && StoredChannels(x) is int stored)
        {
            // Every added or alignment channel is zero, so the real channels stay first and the rest stays zero.
            _channels[result] = real + (int)(pads[1] + pads[5]);
            _stored[result] = stored + (int)(pads[1] + pads[5]);
        }

        return result;
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
