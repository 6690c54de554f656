using System.Globalization;
using ReaderKit.Face.Verification;
using ReaderKit.VirtualCamera.Kiosk;
using Xunit.Abstractions;

namespace ReaderKit.Face.Verification.Tests;

/// <summary>
/// APCER per attack species and BPCER over the rendered set (ISO/IEC 30107-3 terms, on synthetic presentations only): a few
/// seeds per species keep CI short; the same attempts back the per-reason tests (the fixture runs each once).
/// </summary>
[Collection(KioskCollection.Name)]
public sealed class PresentationAttackRateTests(KioskFixture fx, ITestOutputHelper output)
{
    private static readonly int[] Seeds = [1, 2];

    [Fact]
    public async Task Apcer_is_zero_for_every_species_and_bpcer_is_zero_on_the_rendered_set()
    {
        var lines = new List<string> { "species | attempts | accepted | APCER | reasons" };
        var worst = 0.0;
        foreach (var species in new[] { KioskPresentation.PrintStill, KioskPresentation.PrintWaved, KioskPresentation.PrintTilted, KioskPresentation.PrintBent, KioskPresentation.ScreenReplay })
        {
            var results = new List<FaceVerification>();
            foreach (var seed in Seeds)
            {
                results.Add((await fx.RunAsync(species, 1, 1, seed)).Result);
            }

            var apcer = results.Count(r => r.Accepted) / (double)results.Count;
            worst = Math.Max(worst, apcer);
            lines.Add(Row(species.ToString(), results, apcer));
        }

        var impostors = new List<FaceVerification> { (await fx.RunAsync(KioskPresentation.LiveHead, 3, 1, 1)).Result, (await fx.RunAsync(KioskPresentation.LiveHead, 0, 2, 1)).Result };
        lines.Add(Row("another person (zero-effort impostor)", impostors, impostors.Count(r => r.Accepted) / (double)impostors.Count));

        var bonaFide = new List<FaceVerification>();
        foreach (var holder in KioskFixture.Holders)
        {
            bonaFide.Add((await fx.RunAsync(KioskPresentation.LiveHead, holder, holder, 1)).Result);
        }

        var bpcer = bonaFide.Count(r => !r.Accepted) / (double)bonaFide.Count;
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"bona fide (live holder) | {bonaFide.Count} | {bonaFide.Count(r => r.Accepted)} | BPCER {bpcer:P0} | {string.Join(", ", bonaFide.Select(r => r.Reason).Distinct())}"));
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        Assert.Equal(0, worst);
        Assert.DoesNotContain(impostors, r => r.Accepted);
        Assert.Equal(0, bpcer);
    }

    private static string Row(string name, List<FaceVerification> results, double apcer) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} | {results.Count} | {results.Count(r => r.Accepted)} | {apcer:P0} | {string.Join(", ", results.Select(r => r.Reason).Distinct())}");
}
