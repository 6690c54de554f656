using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace ReaderKit.FaceModels.Tests;

/// <summary>
/// CI gate for the converter: every converted model, run in ONNX Runtime, must match the original TF.js model
/// (tfjs-core 4.22.0, cpu backend, in Node) on the same seeded inputs: max abs diff ≤ 1e-4 per output, scaled
/// by the output's magnitude once that exceeds 10 (bound = max(1e-4, 1e-5 · max|ref|)). The scaling exists because
/// float32 itself cannot resolve 1e-4 at BlazeFace logits of ~900 or FaceMesh pixel coordinates of ~160 (one ulp at
/// 900 is 6e-5, and ORT and TF.js sum convolutions in different orders); the normalised embedding (|ref| &lt; 1) is
/// held to the plain 1e-4 absolute bound. Cases: seeded uniform noise, seeded smooth blobs, and a real photo
/// (face-api demo/sample1.jpg, letterboxed and resized per model).
/// </summary>
public sealed class TfjsReferenceTests : IClassFixture<ConversionFixture>
{
    private const double AbsoluteTolerance = 1e-4;
    private const double RelativeTolerance = 1e-5;
    private readonly ConversionFixture _fixture;
    private readonly ITestOutputHelper _output;

    public TfjsReferenceTests(ConversionFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    [Fact]
    public void Copied_onnx_descriptor_takes_the_nchw_112_input_its_package_feeds_and_gives_512_values()
    {
        RepoPaths.RequireNodeModules();
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(Path.Combine(_fixture.ModelsDirectory, Face.Models.ModelCatalog.FacepluginFile), options);
        var (inputName, input) = session.InputMetadata.Single();
        Assert.Equal("input", inputName);
        Assert.Equal([1, 3, 112, 112], input.Dimensions);
        Assert.Equal([1, 512], session.OutputMetadata.Single().Value.Dimensions);
        var data = new float[3 * 112 * 112];
        var random = new Random(7);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        float[] Run()
        {
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(data, [1, 3, 112, 112]))]);
            return results.Single().AsEnumerable<float>().ToArray();
        }

        var first = Run();
        Assert.Equal(512, first.Length);
        Assert.All(first, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(first, Run());
    }

    [Theory]
    [InlineData("blazeface", 4)]
    [InlineData("face_recognition", 1)]
    [InlineData("facemesh", 3)]
    [InlineData("faceres", 1)]
    [InlineData("faceres_deep", 1)]
    [InlineData("mobileface", 1)]
    [InlineData("mobilefacenet", 1)]
    public void Converted_model_matches_tfjs(string model, int expectedOutputs)
    {
        RepoPaths.RequireNodeModules();
        Assert.True(_fixture.NodeExitCode == 0, $"node reference.mjs failed ({_fixture.NodeExitCode}):\n{_fixture.NodeOutput}");
        _output.WriteLine($"build {_fixture.BuildTime.TotalMilliseconds:F0} ms, TF.js reference {_fixture.NodeTime.TotalSeconds:F1} s\n{_fixture.BuildLog}");

        using JsonDocument index = JsonDocument.Parse(File.ReadAllText(Path.Combine(_fixture.ReferenceDirectory, "reference.json")));
        JsonElement entry = index.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == model);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(Path.Combine(_fixture.ModelsDirectory, entry.GetProperty("file").GetString()!), options);
        Assert.Equal(expectedOutputs, session.OutputMetadata.Count);

        int cases = 0;
        foreach (JsonElement testCase in entry.GetProperty("cases").EnumerateArray())
        {
            int[] inputShape = testCase.GetProperty("inputShape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            float[] input = ReadFloats(testCase.GetProperty("inputFile").GetString()!);
            var tensor = new DenseTensor<float>(input, inputShape);
            using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
                session.Run([NamedOnnxValue.CreateFromTensor(entry.GetProperty("input").GetString()!, tensor)]);

            JsonElement outputs = testCase.GetProperty("outputs");
            Assert.Equal(expectedOutputs, outputs.EnumerateObject().Count());
            foreach (JsonProperty expected in outputs.EnumerateObject())
            {
                DisposableNamedOnnxValue actual = results.Single(r => r.Name == expected.Name);
                Tensor<float> actualTensor = actual.AsTensor<float>();
                int[] shape = expected.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                Assert.Equal(shape, actualTensor.Dimensions.ToArray());
                float[] reference = ReadFloats(expected.Value.GetProperty("file").GetString()!);
                float[] got = actualTensor.ToArray();
                Assert.Equal(reference.Length, got.Length);
                double maxDiff = 0, maxRef = 0;
                for (int i = 0; i < got.Length; i++)
                {
                    Assert.False(float.IsNaN(got[i]), $"{model}/{expected.Name}: NaN at {i}");
                    maxDiff = Math.Max(maxDiff, Math.Abs(got[i] - reference[i]));
                    maxRef = Math.Max(maxRef, Math.Abs(reference[i]));
                }

                _output.WriteLine($"{model}/{testCase.GetProperty("name").GetString()}/{expected.Name}: max |onnx - tfjs| = {maxDiff:E2} (max |ref| {maxRef:G4})");
                Assert.True(maxRef > 1e-6, $"{model}/{expected.Name}: reference output is all ~0, the check would be vacuous");
                double bound = Math.Max(AbsoluteTolerance, RelativeTolerance * maxRef);
                Assert.True(maxDiff <= bound, $"{model}/{expected.Name}: max abs diff {maxDiff:E3} > {bound:E2}");
            }

            cases++;
        }

        Assert.Equal(3, cases); // noise, smooth, photo
    }

    private float[] ReadFloats(string file)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(_fixture.ReferenceDirectory, file));
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
