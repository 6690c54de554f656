using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReaderKit.Face.Evaluation;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit face-eval --dir DIR [--jp2] [--json]</c>: all-pairs verification experiment over one sub-folder per identity;
/// prints EER and FNMR at FMR 1 % / 0.1 % with 95 % bootstrap intervals, the threshold in use and the pair/failure counts.
/// Exit codes: 0 done, 2 unusable folder, 3 models missing.
/// </summary>
internal sealed class FaceEvalCommand : ICliCommand
{
    public Command Build()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Folder with one sub-folder of images per identity", Required = true };
        var jp2 = new Option<bool>("--jp2") { Description = "Round-trip the enrolment side through a greyscale chip-like JPEG 2000 (300x300, 30:1)" };
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var threshold = new Option<double?>("--threshold") { Description = "Cosine threshold to report (default: the built-in FaceMatchOptions threshold)" };
        var colour = new Option<string?>("--live-colour") { Description = "Live side: colour (default, measured better) or grey" };
        colour.AcceptOnlyFromAmong("grey", "colour");
        var command = new Command("face-eval", "Evaluate face verification (EER, FNMR at FMR 1e-2 / 1e-3) on a labelled folder");
        command.Options.Add(dir);
        command.Options.Add(jp2);
        command.Options.Add(json);
        command.Options.Add(threshold);
        command.Options.Add(colour);
        command.SetAction((parse, ct) =>
        {
            var defaults = new FaceMatchOptions();
            var options = defaults with
            {
                Threshold = parse.GetValue(threshold) ?? defaults.Threshold,
                LiveColour = parse.GetValue(colour) switch
                {
                    "colour" => LiveColourMode.Colour,
                    "grey" => LiveColourMode.Greyscale,
                    _ => defaults.LiveColour,
                },
            };
            return Task.FromResult(Run(parse.GetValue(dir)!, parse.GetValue(jp2), parse.GetValue(json), options, ct));
        });
        return command;
    }

    private static int Run(DirectoryInfo dir, bool jp2, bool json, FaceMatchOptions options, CancellationToken ct)
    {
        try
        {
            using var analyzer = new FaceAnalyzer(FaceModelFiles.Locate(), options);
            var result = FaceEvaluation.Run(dir.FullName, analyzer, new FaceEvaluationOptions { Jpeg2000Enrolment = jp2 }, ct);
            Console.WriteLine(json ? ToJson(result) : ToText(result, jp2, options));
            return 0;
        }
        catch (FaceModelsMissingException e)
        {
            Console.Error.WriteLine("face-eval: " + e.Message);
            return 3;
        }
        catch (FaceEvaluationException e)
        {
            Console.Error.WriteLine("face-eval: " + e.Message);
            return 2;
        }
    }

    internal static string ToJson(FaceEvaluationResult r)
    {
        var fields = new Dictionary<string, object>
        {
            ["eer"] = r.Report.Eer.Value,
            ["fnmr_at_fmr_1e-2"] = r.Report.FnmrAtFmr1e2.Value,
            ["fnmr_at_fmr_1e-3"] = r.Report.FnmrAtFmr1e3.Value,
            ["genuine_pairs"] = r.Report.GenuinePairs,
            ["impostor_pairs"] = r.Report.ImpostorPairs,
            ["failed_images"] = r.FailedImages,
            ["threshold"] = r.Threshold,
        };
        return JsonSerializer.Serialize(fields);
    }

    private static string ToText(FaceEvaluationResult r, bool jp2, FaceMatchOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        static string Pct(Estimate e) => string.Create(CultureInfo.InvariantCulture, $"{e.Value * 100:0.00} % (95 % CI {e.Low * 100:0.00}–{e.High * 100:0.00} %)");
        var rep = r.Report;
        var lines = new List<string>
        {
            string.Create(c, $"identities {r.Identities}, images {r.Images}, images without a usable face {r.FailedImages}") +
                (r.FailureOutcomes.Count == 0 ? string.Empty : " (" + string.Join(", ", r.FailureOutcomes.Select(kv => $"{kv.Key} {kv.Value}")) + ")"),
            string.Create(c, $"genuine pairs {rep.GenuinePairs}, impostor pairs {rep.ImpostorPairs}; enrolment {(jp2 ? "greyscale JPEG 2000 chip simulation" : "as stored")}, live {options.LiveColour}"),
            string.Create(c, $"EER                {Pct(rep.Eer)} at threshold {rep.EerThreshold:0.0000}"),
            string.Create(c, $"FNMR @ FMR 1 %     {Pct(rep.FnmrAtFmr1e2)} at threshold {rep.ThresholdAtFmr1e2:0.0000}"),
            string.Create(c, $"FNMR @ FMR 0.1 %   {Pct(rep.FnmrAtFmr1e3)} at threshold {rep.ThresholdAtFmr1e3:0.0000}"),
            string.Create(c, $"threshold in use   {r.Threshold:0.0000}: FNMR {Pct(rep.FnmrAtConfiguredThreshold)}, FMR {Pct(rep.FmrAtConfiguredThreshold)} (Wilson)"),
        };
        if (rep.ImpostorPairs < 3000)
        {
            lines.Add(string.Create(c, $"note: {rep.ImpostorPairs} impostor pairs cannot resolve FMR 0.1 % (need ≥ 3000)"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
