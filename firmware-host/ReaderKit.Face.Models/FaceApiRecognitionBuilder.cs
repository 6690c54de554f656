using System.Text.Json;
using ReaderKit.Face.Models.Onnx;

namespace ReaderKit.Face.Models;

/// <summary>
/// Builds face-api's <c>FaceRecognitionNet</c> (dlib ResNet-29, 128-d) as ONNX from its weights manifest, which has no
/// topology: the architecture follows face-api <c>src/faceRecognitionNet/*.ts</c>. Input: RGB 0..255 NHWC
/// [1,150,150,3]; the mean subtraction <c>(x − [122.782, 117.001, 104.298]) / 255</c> is part of the graph, folded into the
/// first convolution (it has VALID padding, so every tap sees a real pixel and the fold is exact up to float rounding).
/// Each conv's "scale layer" (<c>x·w + b</c>) is folded into the conv weights and bias. The graph runs in NCHW after
/// one input transpose, and the shortcut's zero channels are an identity 1×1 convolution, so ONNX Runtime keeps its
/// blocked layout across the residual blocks.
/// </summary>
internal static class FaceApiRecognitionBuilder
{
    public const int InputSize = 150;
    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    public static OnnxModel Build(string manifestPath)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        Dictionary<string, TfTensor> weights = TfjsWeights.Read(doc.RootElement, Path.GetDirectoryName(manifestPath)!);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var g = new GraphBuilder();

        TfTensor W(string name)
        {
            used.Add(name);
            return weights.TryGetValue(name, out TfTensor? t) ? t : throw new ConversionException($"face-api manifest lacks '{name}'.");
        }

        string x = g.ToNchwLayout("input", "input");
        int size = InputSize;

        string Conv(string input, string prefix, int stride, TfPadding padding, bool relu, ref int spatial, bool normalizesInput = false)
        {
            TfTensor filters = W($"{prefix}/conv/filters");
            float[] bias = W($"{prefix}/conv/bias").RequireFloats();
            float[] scale = W($"{prefix}/scale/weights").RequireFloats();
            float[] shift = W($"{prefix}/scale/biases").RequireFloats();
            int kh = filters.Shape[0], kw = filters.Shape[1], cin = filters.Shape[2], cout = filters.Shape[3];
            float[] oihw = GraphBuilder.HwioToOihw(filters.RequireFloats(), kh, kw, cin, cout);
            int perOut = cin * kh * kw;
            var foldedBias = new float[cout];
            for (int o = 0; o < cout; o++)
            {
                for (int j = 0; j < perOut; j++)
                {
                    oihw[(o * perOut) + j] *= scale[o];
                }

                foldedBias[o] = (bias[o] * scale[o]) + shift[o];
            }

            if (normalizesInput)
            {
                // face-api feeds (x − mean) / 255: conv(W, (x − m)/255) + b = conv(W/255, x) + b − Σ W·m/255 (VALID: no padded taps).
                if (padding != TfPadding.Valid || cin != MeanRgb.Length)
                {
                    throw new ConversionException($"{prefix}: the input normalisation can only be folded into a VALID RGB convolution.");
                }

                for (int o = 0; o < cout; o++)
                {
                    double shiftByMean = 0;
                    for (int i = 0; i < cin; i++)
                    {
                        for (int k = 0; k < kh * kw; k++)
                        {
                            int index = (o * perOut) + (i * kh * kw) + k;
                            shiftByMean += (double)oihw[index] * MeanRgb[i] / 255.0;
                            oihw[index] = (float)(oihw[index] / 255.0);
                        }
                    }

                    foldedBias[o] = (float)(foldedBias[o] - shiftByMean);
                }
            }

            spatial = padding == TfPadding.Same ? (spatial + stride - 1) / stride : ((spatial - kh) / stride) + 1;
            return g.ConvNchw(input, prefix, oihw, [cout, cin, kh, kw], foldedBias, stride, stride, padding, 1,
                relu ? FusedActivation.Relu : FusedActivation.None);
        }

        string Residual(string input, string prefix, ref int spatial)
        {
            string o = Conv(input, $"{prefix}/conv1", 1, TfPadding.Same, relu: true, ref spatial);
            o = Conv(o, $"{prefix}/conv2", 1, TfPadding.Same, relu: false, ref spatial);
            return g.Add("Relu", $"{prefix}/relu", [g.Add("Add", $"{prefix}/add", [o, input])]);
        }

        string ResidualDown(string input, string prefix, int inChannels, ref int spatial)
        {
            int convSize = spatial;
            string o = Conv(input, $"{prefix}/conv1", 2, TfPadding.Valid, relu: true, ref convSize);
            o = Conv(o, $"{prefix}/conv2", 1, TfPadding.Same, relu: false, ref convSize);
            int outChannels = W($"{prefix}/conv2/conv/filters").Shape[3];
            string pooled = g.PoolNchw("AveragePool", input, $"{prefix}/avgpool", 2, 2, 2, 2, TfPadding.Valid);
            int pooledSize = spatial / 2;
            if (pooledSize != convSize)
            {
                if (pooledSize != convSize + 1)
                {
                    throw new ConversionException($"{prefix}: unexpected sizes conv {convSize} vs pool {pooledSize}.");
                }

                // face-api concatenates one zero row (NHWC axis 1) and one zero column (axis 2) after the conv output (NCHW pads
                // [n, c, h, w begin, n, c, h, w end]).
                o = g.Add("Pad", $"{prefix}/pad_hw", [o, g.Constant($"{prefix}/pads_hw", [8], [0, 0, 0, 0, 0, 0, 1, 1])], null,
                    new OnnxAttribute("mode", Text: "constant"));
            }

            if (outChannels != inChannels)
            {
                // ...and zero channels after the pooled shortcut (concat with zeros on the channel axis).
                pooled = g.PadChannelsNchw(pooled, $"{prefix}/pad_c", inChannels, outChannels);
            }

            spatial = pooledSize;
            return g.Add("Relu", $"{prefix}/relu", [g.Add("Add", $"{prefix}/add", [pooled, o])]);
        }

        x = Conv(x, "conv32_down", 2, TfPadding.Valid, relu: true, ref size, normalizesInput: true);
        x = g.PoolNchw("MaxPool", x, "maxpool", 3, 3, 2, 2, TfPadding.Valid);
        size = ((size - 3) / 2) + 1;
        x = Residual(x, "conv32_1", ref size);
        x = Residual(x, "conv32_2", ref size);
        x = Residual(x, "conv32_3", ref size);
        x = ResidualDown(x, "conv64_down", 32, ref size);
        x = Residual(x, "conv64_1", ref size);
        x = Residual(x, "conv64_2", ref size);
        x = Residual(x, "conv64_3", ref size);
        x = ResidualDown(x, "conv128_down", 64, ref size);
        x = Residual(x, "conv128_1", ref size);
        x = Residual(x, "conv128_2", ref size);
        x = ResidualDown(x, "conv256_down", 128, ref size);
        x = Residual(x, "conv256_1", ref size);
        x = Residual(x, "conv256_2", ref size);
        x = ResidualDown(x, "conv256_down_out", 256, ref size);

        string mean = g.Add("ReduceMean", "global_avg", [x], null, new OnnxAttribute("axes", Ints: [2, 3]), new OnnxAttribute("keepdims", Int: 0));
        TfTensor fc = W("fc");
        g.Add("MatMul", "descriptor", [mean, g.Constant("fc", [fc.Shape[0], fc.Shape[1]], fc.RequireFloats())], "descriptor");

        string[] unused = weights.Keys.Where(k => !used.Contains(k)).ToArray();
        if (unused.Length > 0)
        {
            throw new ConversionException($"face-api manifest has weights the graph does not use: {string.Join(", ", unused)}.");
        }

        return new OnnxModel("face_recognition", g.Nodes, g.Initializers,
            [new OnnxValueInfo("input", [1, InputSize, InputSize, 3])],
            [new OnnxValueInfo("descriptor", [1, fc.Shape[1]])],
            new Dictionary<string, string>
            {
                ["source"] = Path.GetFileName(manifestPath),
                ["layout"] = "NHWC",
                ["preprocessing"] = "RGB 0..255; (x - [122.782,117.001,104.298]) / 255 is in the graph (folded into the first conv)",
            });
    }
}
