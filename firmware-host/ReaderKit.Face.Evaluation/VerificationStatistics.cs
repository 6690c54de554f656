namespace ReaderKit.Face.Evaluation;

/// <summary>
/// EER and FNMR at fixed FMR from genuine and impostor similarity scores. Confidence intervals: percentile bootstrap
/// (deterministic seed, resampling genuine and impostor scores independently) for EER and FNMR@FMR, whose thresholds are
/// themselves estimated; Wilson score intervals for the error rates at the fixed configured threshold.
/// </summary>
public static class VerificationStatistics
{
    /// <summary>Computes the report; <paramref name="bootstrapRounds"/> = 0 gives degenerate intervals (value, value).</summary>
    public static VerificationReport Compute(
        IReadOnlyList<double> genuine, IReadOnlyList<double> impostor, double configuredThreshold, int bootstrapRounds = 1000, int seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        ArgumentNullException.ThrowIfNull(impostor);
        if (genuine.Count == 0 || impostor.Count == 0)
        {
            throw new ArgumentException("need at least one genuine and one impostor score");
        }

        var g = genuine.Order().ToArray();
        var i = impostor.Order().ToArray();
        var (eer, eerThreshold) = EqualErrorRate(g, i);
        var (f2, t2) = FnmrAtFmr(g, i, 1e-2);
        var (f3, t3) = FnmrAtFmr(g, i, 1e-3);

        var eerSamples = new double[bootstrapRounds];
        var f2Samples = new double[bootstrapRounds];
        var f3Samples = new double[bootstrapRounds];
        var random = new Random(seed);
        var bg = new double[g.Length];
        var bi = new double[i.Length];
        for (var b = 0; b < bootstrapRounds; b++)
        {
            for (var k = 0; k < bg.Length; k++)
            {
                bg[k] = g[random.Next(g.Length)];
            }

            for (var k = 0; k < bi.Length; k++)
            {
                bi[k] = i[random.Next(i.Length)];
            }

            Array.Sort(bg);
            Array.Sort(bi);
            eerSamples[b] = EqualErrorRate(bg, bi).Eer;
            f2Samples[b] = FnmrAtFmr(bg, bi, 1e-2).Fnmr;
            f3Samples[b] = FnmrAtFmr(bg, bi, 1e-3).Fnmr;
        }

        var at = At(g, i, configuredThreshold);
        var falseNonMatches = CountBelow(g, configuredThreshold);
        var falseMatches = i.Length - CountBelow(i, configuredThreshold);
        return new VerificationReport(
            g.Length,
            i.Length,
            WithInterval(eer, eerSamples),
            eerThreshold,
            WithInterval(f2, f2Samples),
            t2,
            WithInterval(f3, f3Samples),
            t3,
            at,
            Wilson(falseNonMatches, g.Length),
            Wilson(falseMatches, i.Length));
    }

    /// <summary>FMR and FNMR at <paramref name="threshold"/> (inputs sorted ascending).</summary>
    public static OperatingPoint At(double[] sortedGenuine, double[] sortedImpostor, double threshold)
    {
        ArgumentNullException.ThrowIfNull(sortedGenuine);
        ArgumentNullException.ThrowIfNull(sortedImpostor);
        var fnmr = (double)CountBelow(sortedGenuine, threshold) / sortedGenuine.Length;
        var fmr = (double)(sortedImpostor.Length - CountBelow(sortedImpostor, threshold)) / sortedImpostor.Length;
        return new OperatingPoint(threshold, fmr, fnmr);
    }

    /// <summary>
    /// Equal error rate: over all candidate thresholds (every observed score), the point minimising |FMR − FNMR|; the EER is
    /// the mean of the two rates there.
    /// </summary>
    public static (double Eer, double Threshold) EqualErrorRate(double[] sortedGenuine, double[] sortedImpostor)
    {
        ArgumentNullException.ThrowIfNull(sortedGenuine);
        ArgumentNullException.ThrowIfNull(sortedImpostor);
        // Sweep the candidate thresholds (every observed score) in ascending order with two cursors: O(G + I).
        var best = (Gap: double.MaxValue, Eer: 1.0, Threshold: 0.0);
        int gi = 0, ii = 0, gc = 0, ic = 0;
        while (gc < sortedGenuine.Length || ic < sortedImpostor.Length)
        {
            var t = ic >= sortedImpostor.Length || (gc < sortedGenuine.Length && sortedGenuine[gc] <= sortedImpostor[ic])
                ? sortedGenuine[gc++]
                : sortedImpostor[ic++];
            while (gi < sortedGenuine.Length && sortedGenuine[gi] < t)
            {
                gi++;
            }

            while (ii < sortedImpostor.Length && sortedImpostor[ii] < t)
            {
                ii++;
            }

            var fnmr = (double)gi / sortedGenuine.Length;
            var fmr = (double)(sortedImpostor.Length - ii) / sortedImpostor.Length;
            var gap = Math.Abs(fmr - fnmr);
            if (gap < best.Gap)
            {
                best = (gap, (fmr + fnmr) / 2, t);
            }
        }

        return (best.Eer, best.Threshold);
    }

    /// <summary>
    /// FNMR at the lowest threshold whose FMR is at most <paramref name="targetFmr"/> (the threshold just above the
    /// ⌊target·N⌋-th highest impostor score).
    /// </summary>
    public static (double Fnmr, double Threshold) FnmrAtFmr(double[] sortedGenuine, double[] sortedImpostor, double targetFmr)
    {
        ArgumentNullException.ThrowIfNull(sortedGenuine);
        ArgumentNullException.ThrowIfNull(sortedImpostor);
        var allowed = (int)Math.Floor(targetFmr * sortedImpostor.Length);

        // Scores strictly above the (allowed+1)-th highest impostor score are matches; ties with it are not.
        var pivot = sortedImpostor[sortedImpostor.Length - 1 - Math.Min(allowed, sortedImpostor.Length - 1)];
        var threshold = Math.BitIncrement(pivot);
        return ((double)CountBelow(sortedGenuine, threshold) / sortedGenuine.Length, threshold);
    }

    /// <summary>Wilson score 95 % interval for <paramref name="errors"/> out of <paramref name="trials"/>.</summary>
    public static Estimate Wilson(int errors, int trials)
    {
        if (trials <= 0)
        {
            return new Estimate(double.NaN, 0, 1);
        }

        const double z = 1.959963984540054;
        var p = (double)errors / trials;
        var denominator = 1 + (z * z / trials);
        var centre = (p + (z * z / (2 * trials))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / trials) + (z * z / (4.0 * trials * trials))) / denominator;
        return new Estimate(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static Estimate WithInterval(double value, double[] samples)
    {
        if (samples.Length == 0)
        {
            return new Estimate(value, value, value);
        }

        Array.Sort(samples);
        return new Estimate(value, samples[(int)Math.Floor(0.025 * (samples.Length - 1))], samples[(int)Math.Ceiling(0.975 * (samples.Length - 1))]);
    }

    /// <summary>Number of sorted scores strictly below <paramref name="threshold"/> (binary search).</summary>
    private static int CountBelow(double[] sorted, double threshold)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < threshold)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
