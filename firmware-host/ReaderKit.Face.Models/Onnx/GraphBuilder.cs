namespace ReaderKit.Face.Models.Onnx;

/// <summary>TF padding modes (both map to ONNX auto_pad; SAME puts the extra pixel at the end, like SAME_UPPER).</summary>
internal enum TfPadding
{
    Same,
    Valid,
}

/// <summary>Activation fused after a convolution.</summary>
internal enum FusedActivation
{
    None,
    Relu,
    Relu6,
}

/// <summary>
/// Accumulates ONNX nodes and initializers with unique names. NHWC helpers wrap each spatial op in the
/// "transpose sandwich" (NHWC→NCHW, op, NCHW→NHWC); ONNX Runtime's transpose optimizer cancels adjacent pairs.
/// </summary>
internal sealed class GraphBuilder
{
    private static readonly long[] ToNchw = [0, 3, 1, 2];
    private static readonly long[] ToNhwc = [0, 2, 3, 1];
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _counter;

    public IReadOnlyList<OnnxNode> Nodes => _nodes;

    public IReadOnlyList<OnnxTensor> Initializers => _initializers;

    public string Unique(string hint)
    {
        string name = hint;
        while (!_names.Add(name))
        {
            name = $"{hint}__{++_counter}";
        }

        return name;
    }

    public string Constant(string hint, long[] dims, float[] data)
    {
        string name = Unique(hint);
        _initializers.Add(OnnxTensor.Of(name, dims, data));
        return name;
    }

    public string Constant(string hint, long[] dims, long[] data)
    {
        string name = Unique(hint);
        _initializers.Add(OnnxTensor.Of(name, dims, data));
        return name;
    }

    /// <summary>Adds a node with one output; returns the output name (<paramref name="output"/> if given).</summary>
    public string Add(string opType, string hint, IReadOnlyList<string> inputs, string? output = null, params OnnxAttribute[] attributes)
    {
        string outName = output ?? Unique(hint);
        if (output is not null)
        {
            _names.Add(output);
        }

        _nodes.Add(new OnnxNode(opType, Unique(hint + "/" + opType), inputs, [outName], attributes));
        return outName;
    }

    /// <summary>NHWC convolution. <paramref name="weightsOihw"/> is already in ONNX layout [O, I/group, kH, kW].</summary>
    public string ConvNhwc(
        string x, string hint, float[] weightsOihw, long[] weightDims, float[] bias, int strideH, int strideW,
        TfPadding padding, int group, FusedActivation activation, string? output = null)
    {
        string w = Constant(hint + "/W", weightDims, weightsOihw);
        string b = Constant(hint + "/B", [weightDims[0]], bias);
        string nchw = Add("Transpose", hint + "/to_nchw", [x], null, new OnnxAttribute("perm", Ints: ToNchw));
        string y = Add("Conv", hint, [nchw, w, b], null,
            new OnnxAttribute("auto_pad", Text: padding == TfPadding.Same ? "SAME_UPPER" : "VALID"),
            new OnnxAttribute("group", Int: group),
            new OnnxAttribute("kernel_shape", Ints: [weightDims[2], weightDims[3]]),
            new OnnxAttribute("strides", Ints: [strideH, strideW]),
            new OnnxAttribute("dilations", Ints: [1, 1]));
        y = Activate(y, hint, activation);
        return Add("Transpose", hint + "/to_nhwc", [y], output, new OnnxAttribute("perm", Ints: ToNhwc));
    }

    /// <summary>NHWC max or average pooling (TF semantics: padded cells never count).</summary>
    public string PoolNhwc(string opType, string x, string hint, int kH, int kW, int sH, int sW, TfPadding padding, string? output = null)
    {
        if (opType == "AveragePool" && padding == TfPadding.Same)
        {
            throw new NotSupportedException("AvgPool with SAME padding is not in the whitelist.");
        }

        string nchw = Add("Transpose", hint + "/to_nchw", [x], null, new OnnxAttribute("perm", Ints: ToNchw));
        string y = Add(opType, hint, [nchw], null,
            new OnnxAttribute("auto_pad", Text: padding == TfPadding.Same ? "SAME_UPPER" : "VALID"),
            new OnnxAttribute("kernel_shape", Ints: [kH, kW]),
            new OnnxAttribute("strides", Ints: [sH, sW]));
        return Add("Transpose", hint + "/to_nhwc", [y], output, new OnnxAttribute("perm", Ints: ToNhwc));
    }

    public string Activate(string x, string hint, FusedActivation activation) => activation switch
    {
        FusedActivation.None => x,
        FusedActivation.Relu => Add("Relu", hint + "/relu", [x]),
        FusedActivation.Relu6 => Add("Clip", hint + "/relu6", [x, Constant(hint + "/zero", [], [0f]), Constant(hint + "/six", [], [6f])]),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>TF filter [kH, kW, in, out] → ONNX [out, in, kH, kW].</summary>
    public static float[] HwioToOihw(float[] hwio, int kh, int kw, int cin, int cout)
    {
        var oihw = new float[hwio.Length];
        for (int h = 0; h < kh; h++)
        {
            for (int w = 0; w < kw; w++)
            {
                for (int i = 0; i < cin; i++)
                {
                    for (int o = 0; o < cout; o++)
                    {
                        oihw[(((o * cin) + i) * kh + h) * kw + w] = hwio[(((h * kw) + w) * cin + i) * cout + o];
                    }
                }
            }
        }

        return oihw;
    }

    /// <summary>TF depthwise filter [kH, kW, C, M] → ONNX [C·M, 1, kH, kW] (output channel c·M + m, group = C).</summary>
    public static float[] DepthwiseToOihw(float[] hwcm, int kh, int kw, int c, int m)
    {
        var result = new float[hwcm.Length];
        for (int h = 0; h < kh; h++)
        {
            for (int w = 0; w < kw; w++)
            {
                for (int ci = 0; ci < c; ci++)
                {
                    for (int mi = 0; mi < m; mi++)
                    {
                        result[((((ci * m) + mi) * kh) + h) * kw + w] = hwcm[(((h * kw) + w) * c + ci) * m + mi];
                    }
                }
            }
        }

        return result;
    }
}
