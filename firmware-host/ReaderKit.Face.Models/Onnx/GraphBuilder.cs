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
/// Accumulates ONNX nodes and initializers with unique names. The NCHW helpers emit plain ONNX ops; the NHWC helpers wrap
/// them in the "transpose sandwich" (NHWC→NCHW, op, NCHW→NHWC).
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
        string y = ConvNchw(ToNchwLayout(x, hint), hint, weightsOihw, weightDims, bias, strideH, strideW, padding, group, activation);
        return ToNhwcLayout(y, hint, output);
    }

    /// <summary>NCHW convolution (no transposes). <paramref name="weightsOihw"/> is in ONNX layout [O, I/group, kH, kW].</summary>
    public string ConvNchw(
        string x, string hint, float[] weightsOihw, long[] weightDims, float[] bias, int strideH, int strideW,
        TfPadding padding, int group, FusedActivation activation)
    {
        string w = Constant(hint + "/W", weightDims, weightsOihw);
        string b = Constant(hint + "/B", [weightDims[0]], bias);
        string y = Add("Conv", hint, [x, w, b], null,
            new OnnxAttribute("auto_pad", Text: padding == TfPadding.Same ? "SAME_UPPER" : "VALID"),
            new OnnxAttribute("group", Int: group),
            new OnnxAttribute("kernel_shape", Ints: [weightDims[2], weightDims[3]]),
            new OnnxAttribute("strides", Ints: [strideH, strideW]),
            new OnnxAttribute("dilations", Ints: [1, 1]));
        return Activate(y, hint, activation);
    }

    /// <summary>
    /// NCHW zero-padding of the channel axis (<paramref name="inChannels"/> → <paramref name="outChannels"/>, new channels last)
    /// as a 1×1 convolution with identity weights: exact for finite inputs (x·1 + Σ 0·xᵢ + 0 = x), and unlike <c>Pad</c> it
    /// keeps ONNX Runtime's blocked NCHWc layout, so the following residual Add and Relu fuse into the convolution.
    /// </summary>
    public string PadChannelsNchw(string x, string hint, int inChannels, int outChannels)
    {
        if (outChannels < inChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(outChannels), "channel padding cannot remove channels");
        }

        var identity = new float[outChannels * inChannels];
        for (int c = 0; c < inChannels; c++)
        {
            identity[(c * inChannels) + c] = 1f;
        }

        return ConvNchw(x, hint, identity, [outChannels, inChannels, 1, 1], new float[outChannels], 1, 1, TfPadding.Valid, 1, FusedActivation.None);
    }

    /// <summary>NHWC max or average pooling (TF semantics: padded cells never count).</summary>
    public string PoolNhwc(string opType, string x, string hint, int kH, int kW, int sH, int sW, TfPadding padding, string? output = null)
    {
        string y = PoolNchw(opType, ToNchwLayout(x, hint), hint, kH, kW, sH, sW, padding);
        return ToNhwcLayout(y, hint, output);
    }

    /// <summary>NCHW max or average pooling (TF semantics: padded cells never count).</summary>
    public string PoolNchw(string opType, string x, string hint, int kH, int kW, int sH, int sW, TfPadding padding)
    {
        if (opType == "AveragePool" && padding == TfPadding.Same)
        {
            throw new NotSupportedException("AvgPool with SAME padding is not in the whitelist.");
        }

        return Add(opType, hint, [x], null,
            new OnnxAttribute("auto_pad", Text: padding == TfPadding.Same ? "SAME_UPPER" : "VALID"),
            new OnnxAttribute("kernel_shape", Ints: [kH, kW]),
            new OnnxAttribute("strides", Ints: [sH, sW]));
    }

    /// <summary>Transpose NHWC → NCHW.</summary>
    public string ToNchwLayout(string x, string hint) => Add("Transpose", hint + "/to_nchw", [x], null, new OnnxAttribute("perm", Ints: ToNchw));

    /// <summary>Transpose NCHW → NHWC.</summary>
    public string ToNhwcLayout(string x, string hint, string? output = null) =>
        Add("Transpose", hint + "/to_nhwc", [x], output, new OnnxAttribute("perm", Ints: ToNhwc));

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
