using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ReaderKit.Face.Models;
using ReaderKit.Face.Models.Onnx;

namespace ReaderKit.FaceModels.Tests;

public sealed class ConverterTests : IDisposable
{
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "readerkit-converter-" + Guid.NewGuid().ToString("N"));

    public ConverterTests() => Directory.CreateDirectory(_temp);

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Protobuf_varints_and_fields_are_encoded_per_spec()
    {
        var w = new ProtoWriter();
        w.WriteVarint(1, 300);
        w.WriteString(2, "hi");
        w.WriteVarint(3, -1);
        byte[] bytes = w.ToArray();
        Assert.Equal(new byte[] { 0x08, 0xAC, 0x02, 0x12, 0x02, (byte)'h', (byte)'i', 0x18 }, bytes[..8]);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, bytes[8..]);
    }

    [Fact]
    public void Filter_layouts_follow_tf_and_onnx_conventions()
    {
        // HWIO [1,2,2,3]: value = h*100 + w*10... encode indices so each element is identifiable.
        float[] hwio = new float[1 * 2 * 2 * 3];
        for (int w = 0; w < 2; w++)
        {
            for (int i = 0; i < 2; i++)
            {
                for (int o = 0; o < 3; o++)
                {
                    hwio[(((w * 2) + i) * 3) + o] = (w * 100) + (i * 10) + o;
                }
            }
        }

        float[] oihw = GraphBuilder.HwioToOihw(hwio, 1, 2, 2, 3);
        // ONNX [o][i][h=0][w]
        Assert.Equal(112f, oihw[(((2 * 2) + 1) * 1 * 2) + 1]); // o=2,i=1,w=1

        // Depthwise [kH=1,kW=1,C=2,M=2] → [C·M,1,1,1] with channel c·M+m.
        float[] dw = GraphBuilder.DepthwiseToOihw([0f, 1f, 10f, 11f], 1, 1, 2, 2);
        Assert.Equal(new[] { 0f, 1f, 10f, 11f }, dw);
    }

    [Fact]
    public void Handwritten_graph_model_runs_in_onnx_runtime_with_tf_semantics()
    {
        // x [1,3,3,1] → depthwise 2x2 (M=1, weights 1) SAME → Relu → Reshape [1,9]: SAME pads at the end like TF.
        WriteGraphModel("tiny", """
            [
              {"name":"x","op":"Placeholder","attr":{"shape":{"shape":{"dim":[{"size":"1"},{"size":"3"},{"size":"3"},{"size":"1"}]}}}},
              {"name":"f","op":"Const","attr":{}},
              {"name":"s","op":"Const","attr":{}},
              {"name":"dw","op":"DepthwiseConv2dNative","input":["x","f"],"attr":{"data_format":{"s":"TkhXQw=="},"dilations":{"list":{"i":["1","1","1","1"]}},"padding":{"s":"U0FNRQ=="},"strides":{"list":{"i":["1","1","1","1"]}}}},
              {"name":"r","op":"Relu","input":["dw"]},
              {"name":"y","op":"Reshape","input":["r","s"]},
              {"name":"Identity","op":"Identity","input":["y"]}
            ]
            """,
            [("f", new[] { 2, 2, 1, 1 }, "float32"), ("s", new[] { 2 }, "int32")],
            [.. FloatBytes(1, 1, 1, 1), .. IntBytes(1, 9)],
            """{"outputs":{"Identity:0":{"name":"Identity:0","tensorShape":{"dim":[{"size":"1"},{"size":"9"}]}}}}""");
        OnnxModel model = TfjsGraphConverter.Convert(Path.Combine(_temp, "tiny.json"), "tiny",
            new GraphNaming(new Dictionary<string, string> { ["x"] = "input" }, [new("Identity:0", "out")]));
        string file = Path.Combine(_temp, "tiny.onnx");
        File.WriteAllBytes(file, model.Serialize());

        using var session = new InferenceSession(file);
        float[] x = [1, 2, 3, 4, -50, 6, 7, 8, 9];
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x, [1, 3, 3, 1]))]);
        float[] y = results.Single().AsTensor<float>().ToArray();
        // TF SAME with a 2x2 kernel pads one row/column at the bottom/right: y[i,j] = sum x[i..i+1, j..j+1].
        Assert.Equal(new float[] { 0, 0, 9, 0, 0, 15, 15, 17, 9 }, y);
    }

    [Fact]
    public void Channel_aligned_convolutions_keep_tf_results_and_slice_before_reshape()
    {
        // x [1,2,2,3] → Conv2D 1x1 to 20 channels (stored as 32 zero-padded) → depthwise 1x1 → Reshape [1,80]:
        // the widened channels must be exactly zero inside and sliced off before the NHWC Reshape.
        float[] f = new float[3 * 20];
        for (int c = 0; c < 3; c++)
        {
            for (int o = 0; o < 20; o++)
            {
                f[(c * 20) + o] = (o * 0.25f) - c + 1;
            }
        }

        float[] d = Enumerable.Range(0, 20).Select(o => 1f + (o * 0.5f)).ToArray();
        WriteGraphModel("aligned", """
            [
              {"name":"x","op":"Placeholder","attr":{"shape":{"shape":{"dim":[{"size":"1"},{"size":"2"},{"size":"2"},{"size":"3"}]}}}},
              {"name":"f","op":"Const","attr":{}},
              {"name":"d","op":"Const","attr":{}},
              {"name":"s","op":"Const","attr":{}},
              {"name":"c","op":"Conv2D","input":["x","f"],"attr":{"data_format":{"s":"TkhXQw=="},"dilations":{"list":{"i":["1","1","1","1"]}},"padding":{"s":"VkFMSUQ="},"strides":{"list":{"i":["1","1","1","1"]}}}},
              {"name":"dw","op":"DepthwiseConv2dNative","input":["c","d"],"attr":{"data_format":{"s":"TkhXQw=="},"dilations":{"list":{"i":["1","1","1","1"]}},"padding":{"s":"VkFMSUQ="},"strides":{"list":{"i":["1","1","1","1"]}}}},
              {"name":"y","op":"Reshape","input":["dw","s"]},
              {"name":"Identity","op":"Identity","input":["y"]}
            ]
            """,
            [("f", new[] { 1, 1, 3, 20 }, "float32"), ("d", new[] { 1, 1, 20, 1 }, "float32"), ("s", new[] { 2 }, "int32")],
            [.. FloatBytes(f), .. FloatBytes(d), .. IntBytes(1, 80)],
            """{"outputs":{"Identity:0":{"name":"Identity:0","tensorShape":{"dim":[{"size":"1"},{"size":"80"}]}}}}""");
        OnnxModel model = TfjsGraphConverter.Convert(Path.Combine(_temp, "aligned.json"), "aligned",
            new GraphNaming(new Dictionary<string, string> { ["x"] = "input" }, [new("Identity:0", "out")]));
        Assert.Contains(model.Nodes, n => n.OpType == "Slice");
        Assert.Contains(model.Initializers, t => t.Dims.SequenceEqual(new long[] { 32, 3, 1, 1 }));
        string file = Path.Combine(_temp, "aligned.onnx");
        File.WriteAllBytes(file, model.Serialize());

        using var session = new InferenceSession(file);
        float[] x = [1, 2, 3, -1, 0.5f, 4, 0, 0, 2, 7, -3, 1];
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x, [1, 2, 2, 3]))]);
        float[] y = results.Single().AsTensor<float>().ToArray();
        Assert.Equal(80, y.Length);
        for (int p = 0; p < 4; p++)
        {
            for (int o = 0; o < 20; o++)
            {
                float expected = (((x[p * 3] * f[o]) + (x[(p * 3) + 1] * f[20 + o])) + (x[(p * 3) + 2] * f[40 + o])) * d[o];
                float actual = y[(p * 20) + o];
                Assert.True(Math.Abs(actual - expected) <= 1e-5f * Math.Max(1f, Math.Abs(expected)), $"pixel {p} channel {o}: {actual} vs {expected}");
            }
        }
    }

    [Fact]
    public void Constants_reductions_and_dense_layers_follow_tf_semantics_on_aligned_channels()
    {
        // x [1,2,2,3] → Conv2D 1x1 to 20 channels (stored as 32) → Add scalar 1 (the 12 alignment channels become 1, not 0)
        // → Mul per-channel → Minimum scalar → Mean over H,W → _FusedMatMul [20,2] + bias + Relu. The Mean must drop the
        // alignment channels before the dense layer, or the result is wrong (their value is non-zero here).
        float[] f = new float[3 * 20];
        for (int c = 0; c < 3; c++)
        {
            for (int o = 0; o < 20; o++)
            {
                f[(c * 20) + o] = ((o % 7) * 0.25f) - c + 0.5f;
            }
        }

        float[] scale = Enumerable.Range(0, 20).Select(o => 0.5f + (o * 0.1f)).ToArray();
        float[] kernel = Enumerable.Range(0, 40).Select(i => ((i % 5) - 2) * 0.3f).ToArray();
        float[] bias = [0.25f, -0.5f];
        WriteGraphModel("dense", """
            [
              {"name":"x","op":"Placeholder","attr":{"shape":{"shape":{"dim":[{"size":"-1"},{"size":"2"},{"size":"2"},{"size":"3"}]}}}},
              {"name":"f","op":"Const","attr":{}},
              {"name":"one","op":"Const","attr":{}},
              {"name":"scale","op":"Const","attr":{}},
              {"name":"cap","op":"Const","attr":{}},
              {"name":"axes","op":"Const","attr":{}},
              {"name":"k","op":"Const","attr":{}},
              {"name":"b","op":"Const","attr":{}},
              {"name":"c","op":"Conv2D","input":["x","f"],"attr":{"data_format":{"s":"TkhXQw=="},"dilations":{"list":{"i":["1","1","1","1"]}},"padding":{"s":"VkFMSUQ="},"strides":{"list":{"i":["1","1","1","1"]}}}},
              {"name":"a","op":"AddV2","input":["one","c"]},
              {"name":"m","op":"Mul","input":["a","scale"]},
              {"name":"n","op":"Minimum","input":["m","cap"]},
              {"name":"g","op":"Mean","input":["n","axes"],"attr":{"keep_dims":{"b":false}}},
              {"name":"d","op":"_FusedMatMul","input":["g","k","b"],"attr":{"fused_ops":{"list":{"s":["Qmlhc0FkZA==","UmVsdQ=="]}},"transpose_a":{"b":false},"transpose_b":{"b":false}}},
              {"name":"Identity","op":"Identity","input":["d"]}
            ]
            """,
            [("f", new[] { 1, 1, 3, 20 }, "float32"), ("one", Array.Empty<int>(), "float32"), ("scale", new[] { 20 }, "float32"),
             ("cap", Array.Empty<int>(), "float32"), ("axes", new[] { 2 }, "int32"), ("k", new[] { 20, 2 }, "float32"), ("b", new[] { 2 }, "float32")],
            [.. FloatBytes(f), .. FloatBytes(1f), .. FloatBytes(scale), .. FloatBytes(3f), .. IntBytes(1, 2), .. FloatBytes(kernel), .. FloatBytes(bias)],
            """{"outputs":{"Identity:0":{"name":"Identity:0"}}}""");
        OnnxModel model = TfjsGraphConverter.Convert(Path.Combine(_temp, "dense.json"), "dense",
            new GraphNaming(new Dictionary<string, string> { ["x"] = "input" }, [new("Identity:0", "out")], BatchOne: true,
                OutputShapes: new Dictionary<string, long[]> { ["out"] = [1, 2] }));
        Assert.Contains(model.Initializers, t => t.Dims.SequenceEqual(new long[] { 32, 3, 1, 1 }));
        Assert.Contains(model.Nodes, n => n.OpType == "ReduceMean");
        string file = Path.Combine(_temp, "dense.onnx");
        File.WriteAllBytes(file, model.Serialize());

        using var session = new InferenceSession(file);
        Assert.Equal(new[] { 1, 2, 2, 3 }, session.InputMetadata["input"].Dimensions);
        float[] x = [1, 2, 3, -1, 0.5f, 4, 0, 0, 2, 7, -3, 1];
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x, [1, 2, 2, 3]))]);
        float[] y = results.Single().AsTensor<float>().ToArray();

        // Reference in double, following TF's definitions op by op.
        var pooled = new double[20];
        for (int o = 0; o < 20; o++)
        {
            for (int p = 0; p < 4; p++)
            {
                double conv = (x[p * 3] * f[o]) + (x[(p * 3) + 1] * f[20 + o]) + (x[(p * 3) + 2] * f[40 + o]);
                pooled[o] += Math.Min((1 + conv) * scale[o], 3) / 4;
            }
        }

        Assert.Equal(2, y.Length);
        for (int j = 0; j < 2; j++)
        {
            double expected = Math.Max(0, Enumerable.Range(0, 20).Sum(o => pooled[o] * kernel[(o * 2) + j]) + bias[j]);
            Assert.True(Math.Abs(y[j] - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"output {j}: {y[j]} vs {expected}");
        }
    }

    [Fact]
    public void Ops_outside_the_whitelist_are_rejected()
    {
        WriteGraphModel("bad", """
            [
              {"name":"x","op":"Placeholder","attr":{"shape":{"shape":{"dim":[{"size":"1"},{"size":"4"}]}}}},
              {"name":"y","op":"Tanh","input":["x"]},
              {"name":"Identity","op":"Identity","input":["y"]}
            ]
            """, [], [], """{"outputs":{"Identity:0":{"name":"Identity:0","tensorShape":{"dim":[{"size":"1"},{"size":"4"}]}}}}""");
        var error = Assert.Throws<ConversionException>(() => TfjsGraphConverter.Convert(Path.Combine(_temp, "bad.json"), "bad",
            new GraphNaming(new Dictionary<string, string> { ["x"] = "input" }, [new("Identity:0", "out")])));
        Assert.Contains("Tanh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_shards_must_match_the_manifest_exactly()
    {
        WriteGraphModel("short", """[{"name":"x","op":"Placeholder","attr":{}}]""",
            [("f", new[] { 4 }, "float32")], FloatBytes(1, 2, 3), """{"outputs":{}}""");
        Assert.Throws<ConversionException>(() => TfjsGraphConverter.Convert(Path.Combine(_temp, "short.json"), "s",
            new GraphNaming(new Dictionary<string, string>(), [])));
    }

    [Fact]
    public void Build_is_idempotent_deterministic_and_detects_tampering()
    {
        RepoPaths.RequireNodeModules();
        string out1 = Path.Combine(_temp, "m1");
        var log = new StringWriter();
        IReadOnlyList<BuiltModel> first = new ModelBuilder(log).Build(RepoPaths.NodeModules, out1, force: false);
        Assert.All(first, m => Assert.False(m.Skipped));
        Assert.Equal(ModelCatalog.All.Count, first.Count);
        Assert.Equal(8, first.Count);

        IReadOnlyList<BuiltModel> second = new ModelBuilder(log).Build(RepoPaths.NodeModules, out1, force: false);
        Assert.All(second, m => Assert.True(m.Skipped));
        Assert.Equal(first.Select(m => m.Sha256), second.Select(m => m.Sha256));

        // A damaged output is rebuilt, byte-identical to the first build.
        File.WriteAllBytes(Path.Combine(out1, ModelCatalog.BlazeFaceFile), [1, 2, 3]);
        IReadOnlyList<BuiltModel> third = new ModelBuilder(log).Build(RepoPaths.NodeModules, out1, force: false);
        Assert.All(third, m => Assert.False(m.Skipped));
        Assert.Equal(first.Select(m => m.Sha256), third.Select(m => m.Sha256));

        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(out1, ModelBuilder.ManifestFile)));
        Assert.Equal(15, manifest.RootElement.GetProperty("inputs").EnumerateObject().Count());

        // The model shipped as ONNX is the pinned file byte for byte.
        PinnedInput onnx = ModelCatalog.All.Single(m => m.FileName == ModelCatalog.FacepluginFile).Inputs.Single();
        Assert.Equal(onnx.Sha256, first.Single(m => m.FileName == ModelCatalog.FacepluginFile).Sha256);
        Assert.Equal(onnx.Sha256, manifest.RootElement.GetProperty("inputs").GetProperty(onnx.Key).GetProperty("sha256").GetString());
        Assert.Equal(first.Single(m => m.FileName == ModelCatalog.FaceRecognitionFile).Sha256,
            manifest.RootElement.GetProperty("models").GetProperty(ModelCatalog.FaceRecognitionFile).GetProperty("sha256").GetString());
    }

    [Fact]
    public void Build_refuses_inputs_whose_checksum_differs()
    {
        RepoPaths.RequireNodeModules();
        string fakeModules = Path.Combine(_temp, "node_modules");
        CopyPacks(fakeModules);
        foreach (PinnedInput input in ModelCatalog.All.SelectMany(m => m.Inputs).Where(i => i.Archive is null))
        {
            string target = Path.Combine(fakeModules, input.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.NodeModules, input.RelativePath), target);
        }

        string bin = Path.Combine(fakeModules, "@vladmandic/human/models/blazeface.bin");
        byte[] bytes = File.ReadAllBytes(bin);
        bytes[100] ^= 1;
        File.WriteAllBytes(bin, bytes);

        var error = Assert.Throws<ConversionException>(() => new ModelBuilder(TextWriter.Null).Build(fakeModules, Path.Combine(_temp, "out"), force: true));
        Assert.Contains("blazeface.bin", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp, "out", ModelCatalog.BlazeFaceFile)));
    }

    [Fact]
    public void Archived_input_is_read_from_its_npm_tarball_and_its_checksum_is_enforced()
    {
        RepoPaths.RequireNodeModules();
        string fakeModules = Path.Combine(_temp, "node_modules");
        foreach (PinnedInput input in ModelCatalog.All.SelectMany(m => m.Inputs).Where(i => i.Archive is null))
        {
            string target = Path.Combine(fakeModules, input.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.NodeModules, input.RelativePath), target);
        }

        // No tarball: a typed error naming it.
        var missing = Assert.Throws<ConversionException>(() => new ModelBuilder(TextWriter.Null).Build(fakeModules, Path.Combine(_temp, "out"), force: true));
        Assert.Contains(ModelCatalog.FacepluginArchive, missing.Message, StringComparison.Ordinal);

        // A tarball with the right entry name but other bytes: refused by its SHA-256.
        Directory.CreateDirectory(ModelBuilder.PacksDirectory(fakeModules));
        string archive = Path.Combine(ModelBuilder.PacksDirectory(fakeModules), ModelCatalog.FacepluginArchive);
        using (var file = File.Create(archive))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/README.md") { DataStream = new MemoryStream([1, 2]) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/model/fr_feature.onnx") { DataStream = new MemoryStream([8, 7, 6]) });
        }

        PinnedInput pinned = ModelCatalog.All.Single(m => m.FileName == ModelCatalog.FacepluginFile).Inputs.Single();
        Assert.Equal([8, 7, 6], ModelBuilder.ReadInput(fakeModules, pinned));
        var wrong = Assert.Throws<ConversionException>(() => new ModelBuilder(TextWriter.Null).Build(fakeModules, Path.Combine(_temp, "out"), force: true));
        Assert.Contains("fr_feature.onnx", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<ConversionException>(() => ModelBuilder.ReadInput(fakeModules, pinned with { RelativePath = "package/model/absent.onnx" }));
    }

    private static void CopyPacks(string fakeModules)
    {
        string packs = ModelBuilder.PacksDirectory(RepoPaths.NodeModules);
        Directory.CreateDirectory(ModelBuilder.PacksDirectory(fakeModules));
        foreach (string file in Directory.EnumerateFiles(packs))
        {
            File.Copy(file, Path.Combine(ModelBuilder.PacksDirectory(fakeModules), Path.GetFileName(file)));
        }
    }

    private void WriteGraphModel(string name, string nodesJson, (string Name, int[] Shape, string Dtype)[] weights, byte[] data, string signature)
    {
        string weightsJson = string.Join(",", weights.Select(w =>
            $$"""{"name":"{{w.Name}}","shape":[{{string.Join(",", w.Shape)}}],"dtype":"{{w.Dtype}}"}"""));
        string json = $$"""
            {"format":"graph-model","modelTopology":{"node":{{nodesJson}}},"signature":{{signature}},
             "weightsManifest":[{"paths":["{{name}}.bin"],"weights":[{{weightsJson}}]}]}
            """;
        File.WriteAllText(Path.Combine(_temp, name + ".json"), json);
        File.WriteAllBytes(Path.Combine(_temp, name + ".bin"), data);
    }

    private static byte[] FloatBytes(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] IntBytes(params int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
