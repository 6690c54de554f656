using ReaderKit.Face.Evaluation;

namespace ReaderKit.Face.Tests;

public class DetPlotTests
{
    [Fact]
    public void Probit_matches_known_normal_quantiles()
    {
        Assert.Equal(0, DetPlot.Probit(0.5), 9);
        Assert.Equal(-1.959963985, DetPlot.Probit(0.025), 6);
        Assert.Equal(-3.090232306, DetPlot.Probit(0.001), 6);
        Assert.Equal(2.326347874, DetPlot.Probit(0.99), 6);
    }

    [Fact]
    public void Curve_runs_from_no_matches_to_all_matches()
    {
        double[] g = [0.9, 0.8, 0.6];
        double[] i = [0.1, 0.7, 0.2, 0.3];
        var curve = DetPlot.Curve(g, i);
        Assert.Equal((0.0, 1.0), curve[0]);
        Assert.Equal((1.0, 0.0), curve[^1]);
        Assert.True(curve.Zip(curve.Skip(1)).All(p => p.Second.Fmr >= p.First.Fmr && p.Second.Fnmr <= p.First.Fnmr));

        // At threshold 0.8: genuine 0.6 misses (1/3), no impostor reaches it.
        Assert.Contains((0.0, 1.0 / 3), curve);
    }

    [Fact]
    public void Render_writes_a_png()
    {
        var r = new Random(3);
        var g = Enumerable.Range(0, 300).Select(_ => 0.7 + (0.3 * r.NextDouble())).ToArray();
        var i = Enumerable.Range(0, 3000).Select(_ => 0.6 * r.NextDouble()).ToArray();
        var png = DetPlot.Render([new DetSeries("a", g, i, 0.65), new DetSeries("b", i.Take(300).ToArray(), g, null)], "test");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.True(png.Length > 5000);
    }
}
