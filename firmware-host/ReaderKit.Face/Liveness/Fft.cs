using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>In-place radix-2 complex FFT.</summary>
internal static class Fft
{
    public static void Transform2D(double[] re, double[] im, int n)
    {
        var rowRe = new double[n];
        var rowIm = new double[n];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var k = 0; k < n; k++)
            {
                for (var j = 0; j < n; j++)
                {
                    var idx = pass == 0 ? (k * n) + j : (j * n) + k;
                    rowRe[j] = re[idx];
                    rowIm[j] = im[idx];
                }

                Transform(rowRe, rowIm);
                for (var j = 0; j < n; j++)
                {
                    var idx = pass == 0 ? (k * n) + j : (j * n) + k;
                    re[idx] = rowRe[j];
                    im[idx] = rowIm[j];
                }
            }
        }
    }

    public static void Transform(double[] re, double[] im)
    {
        var n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var len = 2; len <= n; len <<= 1)
        {
            var angle = -2 * Math.PI / len;
            var wr = Math.Cos(angle);
            var wi = Math.Sin(angle);
            for (var i = 0; i < n; i += len)
            {
                double cr = 1, ci = 0;
                for (var k = 0; k < len / 2; k++)
                {
                    var a = i + k;
                    var b = a + (len / 2);
                    var tr = (re[b] * cr) - (im[b] * ci);
                    var ti = (re[b] * ci) + (im[b] * cr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                    var ncr = (cr * wr) - (ci * wi);
                    ci = (cr * wi) + (ci * wr);
                    cr = ncr;
                }
            }
        }
    }
}
