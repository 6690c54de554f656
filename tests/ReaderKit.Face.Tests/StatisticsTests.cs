using ReaderKit.Face.Evaluation;

namespace ReaderKit.Face.Tests;

public class StatisticsTests
{
    [Fact]
    public void Perfectly_separated_scores_have_zero_error()
    {
        double[] g = [0.9, 0.95, 0.97, 0.99];
        double[] i = [0.1, 0.2, 0.3, 0.5, 0.6];
        var r = VerificationStatistics.Compute(g, i, 0.8, bootstrapRounds: 50);
        Assert.Equal(0, r.Eer.Value);
        Assert.Equal(0, r.FnmrAtFmr1e2.Value);
        Assert.Equal(0, r.AtConfiguredThreshold.Fmr);
        Assert.Equal(0, r.AtConfiguredThreshold.Fnmr);
        Assert.Equal(4, r.GenuinePairs);
        Assert.Equal(5, r.ImpostorPairs);
    }

    [Fact]
    public void Eer_of_symmetric_overlap_is_found()
    {
        // Genuine 0.1..1.0 and impostor 0.0..0.9 in steps of 0.1.
        var g = Enumerable.Range(1, 10).Select(k => k / 10.0).ToArray();
        var i = Enumerable.Range(0, 10).Select(k => k / 10.0).ToArray();
        var (eer, t) = VerificationStatistics.EqualErrorRate(g, i);
        // At 0.5: FNMR 4/10, FMR 5/10; at 0.6: FNMR 5/10, FMR 4/10. Either way the EER is 0.45.
        Assert.Equal(0.45, eer, 9);
        Assert.InRange(t, 0.5, 0.6);
    }

    [Fact]
    public void Fnmr_at_fmr_uses_the_threshold_above_the_allowed_impostors()
    {
        // 1000 impostors 0.000..0.999; FMR 1e-2 allows 10 impostors at or above the threshold, so the threshold sits just above 0.989.
        var i = Enumerable.Range(0, 1000).Select(k => k / 1000.0).ToArray();
        double[] g = [0.5, 0.985, 0.99, 0.995];
        var (fnmr, t) = VerificationStatistics.FnmrAtFmr(g, i, 1e-2);
        Assert.True(t > 0.989 && t < 0.9891);
        Assert.Equal(0.5, fnmr, 9);
        var p = VerificationStatistics.At(g, i, t);
        Assert.True(p.Fmr <= 1e-2);
    }

    [Fact]
    public void Wilson_interval_brackets_the_rate_and_handles_zero_errors()
    {
        var w = VerificationStatistics.Wilson(0, 100);
        Assert.Equal(0, w.Value);
        Assert.Equal(0, w.Low, 12);
        Assert.InRange(w.High, 0.03, 0.04);
        var h = VerificationStatistics.Wilson(50, 100);
        Assert.InRange(h.Low, 0.40, 0.41);
        Assert.InRange(h.High, 0.59, 0.60);
    }

    [Fact]
    public void Bootstrap_intervals_contain_the_estimate_and_are_deterministic()
    {
        var r1 = new Random(1);
        var g = Enumerable.Range(0, 200).Select(_ => 0.9 + (r1.NextDouble() * 0.1)).ToArray();
        var i = Enumerable.Range(0, 2000).Select(_ => 0.8 + (r1.NextDouble() * 0.12)).ToArray();
        var a = VerificationStatistics.Compute(g, i, 0.92, 200);
        var b = VerificationStatistics.Compute(g, i, 0.92, 200);
        Assert.Equal(a, b);
        Assert.InRange(a.Eer.Value, a.Eer.Low, a.Eer.High);
        Assert.True(a.Eer.High > a.Eer.Low);
    }
}
