using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Evaluation;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit face-eval --dir DIR [--jp2] [--json] [--models M[+M]] [--compare C;C] [--frames N] [--best-k K] [--det-png FILE]</c>:
/// all-pairs verification experiment over one sub-folder per identity (or per subset, then per identity); prints the models
/// used, EER and FNMR at FMR 1 % / 0.1 % with 95 % bootstrap intervals, one row per subset and per compared configuration,
/// the threshold in use and the pair/failure counts; optionally a DET plot. Exit codes: 0 done, 2 unusable folder or
/// arguments, 3 models missing.
/// </summary>
internal sealed class FaceEvalCommand : ICliCommand
{
    /// <summary>dlib alone: the cosine at FMR ≈ 0.1 % on the evaluation sets (the single-model configuration before the fusion).</summary>
    private const double DlibThreshold = 0.94;

    public Command Build()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Folder with one sub-folder of images per identity, or subsets of such folders", Required = true };
        var jp2 = new Option<bool>("--jp2") { Description = "Enrolment side as the card stores it: 240x320 greyscale JPEG 2000 (30:1), encoded and decoded again" };
        var json = new Option<bool>("--json") { Description = "Machine-readable output (primary configuration, all subsets pooled)" };
        var threshold = new Option<double?>("--threshold") { Description = "Score threshold to report (default: the built-in FaceMatchOptions threshold)" };
        var colour = new Option<string?>("--live-colour") { Description = "Live side: colour (default, measured better) or grey" };
        colour.AcceptOnlyFromAmong("grey", "colour");
        var models = new Option<string?>("--models") { Description = "Descriptor model(s) in use, '+' = score fusion (default: the built-in configuration); names: " + string.Join(", ", DescriptorModel.All.Select(m => m.Name)) };
        var compare = new Option<string?>("--compare") { Description = "More configurations to score in the same pass, ';'-separated (e.g. \"dlib;faceres-hse;dlib+faceres-hse\")" };
        var frames = new Option<int>("--frames") { Description = "Live frames per transaction (1 = per frame; more = simulated frames of each live image)", DefaultValueFactory = _ => 1 };
        var bestK = new Option<int>("--best-k") { Description = "Transaction rule: mean of the best K quality-passing frames", DefaultValueFactory = _ => new TransactionRule().BestK };
        var compareK = new Option<string?>("--compare-k") { Description = "More transaction rules scored on the same transactions, e.g. \"1,2,5\" (best-K means; rows named 'configuration [best K]')" };
        var det = new Option<FileInfo?>("--det-png") { Description = "Write a DET plot (PNG) of every configuration, operating point marked" };
        var scores = new Option<FileInfo?>("--scores-csv") { Description = "Write every score (configuration, subset, genuine|impostor, score) as CSV for further analysis" };
        var command = new Command("face-eval", "Evaluate face verification (EER, FNMR at FMR 1e-2 / 1e-3) on a labelled folder");
        foreach (var option in new Option[] { dir, jp2, json, threshold, colour, models, compare, frames, bestK, compareK, det, scores })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) =>
        {
            List<IReadOnlyList<DescriptorModel>> configurations;
            try
            {
                var defaults = new FaceMatchOptions();
                var primary = parse.GetValue(models) is { } m ? ParseConfiguration(m) : defaults.Descriptors;
                configurations = [primary, .. (parse.GetValue(compare) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseConfiguration)];
                var frameCount = parse.GetValue(frames);
                var k = parse.GetValue(bestK);
                var extraK = (parse.GetValue(compareK) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 ? v : throw new ArgumentException($"--compare-k: '{t}' is not a positive integer"))
                    .ToList();
                if (frameCount is < 1 or > 30 || k < 1)
                {
                    throw new ArgumentException("--frames must be 1..30 and --best-k at least 1");
                }

                var options = defaults with
                {
                    Threshold = parse.GetValue(threshold) ?? BuiltInThreshold(primary, defaults, frameCount),
                    LiveColour = parse.GetValue(colour) switch
                    {
                        "colour" => LiveColourMode.Colour,
                        "grey" => LiveColourMode.Greyscale,
                        _ => defaults.LiveColour,
                    },
                    Descriptors = configurations.SelectMany(c => c).Distinct().ToList(),
                };
                var evaluation = new FaceEvaluationOptions
                {
                    Jpeg2000Enrolment = parse.GetValue(jp2),
                    TransactionFrames = frameCount,
                    Rule = new TransactionRule(k, Math.Min(k, frameCount)),
                    Configurations = configurations,
                    CompareBestK = extraK,
                };
                return Task.FromResult(Run(parse.GetValue(dir)!, parse.GetValue(json), options, evaluation, parse.GetValue(det), parse.GetValue(scores), ct));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("face-eval: " + e.Message);
                return Task.FromResult(2);
            }
        });
        return command;
    }

    /// <summary>The built-in threshold of a configuration (default fusion or dlib + faceplugin, per frame or per transaction; dlib alone), else NaN.</summary>
    internal static double BuiltInThreshold(IReadOnlyList<DescriptorModel> configuration, FaceMatchOptions defaults, int frames) =>
        new[] { defaults, FaceMatchOptions.DlibFaceplugin }.FirstOrDefault(o => configuration.SequenceEqual(o.Descriptors)) is { } preset
            ? (frames > 1 ? preset.TransactionThreshold : preset.Threshold)
        : configuration.SequenceEqual([DescriptorModel.Dlib]) ? DlibThreshold
        : double.NaN;

    private static IReadOnlyList<DescriptorModel> ParseConfiguration(string text) =>
        text.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(DescriptorModel.Find).ToList();

    private static int Run(DirectoryInfo dir, bool json, FaceMatchOptions options, FaceEvaluationOptions evaluation, FileInfo? det, FileInfo? scores, CancellationToken ct)
    {
        try
        {
            using var analyzer = new FaceAnalyzer(FaceModelFiles.Locate(), options);
            var result = FaceEvaluation.Run(dir.FullName, analyzer, evaluation, ct);
            if (det is not null)
            {
                var series = result.Rows.Where(r => r.Subset == FaceEvaluation.AllSubsets)
                    .Select((r, i) => new DetSeries(Legend(r), r.GenuineScores, r.ImpostorScores, i == 0 && double.IsFinite(result.Threshold) ? result.Threshold : null))
                    .ToList();
                var title = string.Create(CultureInfo.InvariantCulture,
                    $"DET, {dir.Name}{(evaluation.Jpeg2000Enrolment ? ", chip JPEG 2000 enrolment" : string.Empty)}, {(evaluation.TransactionFrames == 1 ? "per frame" : $"per transaction (best {result.Rule.BestK} of {evaluation.TransactionFrames} frames)")}");
                File.WriteAllBytes(det.FullName, DetPlot.Render(series, title));
            }

            if (scores is not null)
            {
                using var csv = new StreamWriter(scores.FullName);
                csv.WriteLine("configuration,subset,kind,score,enrolment,live");
                foreach (var row in result.Rows.Where(r => r.Subset != FaceEvaluation.AllSubsets || result.Subsets.Count == 1))
                {
                    foreach (var (kind, list, pairs) in new[] { ("genuine", row.GenuineScores, row.GenuineImages), ("impostor", row.ImpostorScores, row.ImpostorImages) })
                    {
                        for (var i = 0; i < list.Count; i++)
                        {
                            var pair = i < pairs.Count ? pairs[i] : new ImagePair(string.Empty, string.Empty);
                            csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Csv(row.Configuration)},{Csv(row.Subset)},{kind},{list[i]:R},{Csv(pair.Enrolment)},{Csv(pair.Live)}"));
                        }
                    }
                }
            }

            Console.WriteLine(json ? ToJson(result) : ToText(result, evaluation, options));
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

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break.</summary>
    internal static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Legend(EvaluationRow r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Configuration}: EER {r.Report.Eer.Value * 100:0.0} %, FNMR@0.1 % {r.Report.FnmrAtFmr1e3.Value * 100:0.0} %");

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
            ["threshold"] = double.IsFinite(r.Threshold) ? r.Threshold : r.Report.ThresholdAtFmr1e3,
            ["models"] = r.Models,
        };
        return JsonSerializer.Serialize(fields);
    }

    private static string ToText(FaceEvaluationResult r, FaceEvaluationOptions evaluation, FaceMatchOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        static string Pct(Estimate e) => string.Create(CultureInfo.InvariantCulture, $"{e.Value * 100:0.00} % (95 % CI {e.Low * 100:0.00}–{e.High * 100:0.00} %)");
        static string Short(Estimate e) => string.Create(CultureInfo.InvariantCulture, $"{e.Value * 100:0.0} ({e.Low * 100:0.0}–{e.High * 100:0.0})");
        var rep = r.Report;
        var unit = evaluation.TransactionFrames == 1
            ? "per frame"
            : string.Create(c, $"per transaction: mean of the best {r.Rule.BestK} of {evaluation.TransactionFrames} frames (simulated from each live image), at least {r.Rule.MinUsableFrames} usable");
        var lines = new List<string>
        {
            "models: " + string.Join(" + ", r.Models.Select(m => $"{m} ({DescriptorModel.Find(m).FileName})")) + (r.Models.Count > 1 ? " (score fusion, impostor-normalised)" : string.Empty),
            string.Create(c, $"identities {r.Identities}, images {r.Images}, images without a usable face {r.FailedImages}") +
                (r.FailureOutcomes.Count == 0 ? string.Empty : " (" + string.Join(", ", r.FailureOutcomes.Select(kv => $"{kv.Key} {kv.Value}")) + ")"),
            string.Create(c, $"genuine {rep.GenuinePairs}, impostor {rep.ImpostorPairs}; enrolment {(evaluation.Jpeg2000Enrolment ? $"{evaluation.ChipWidth}x{evaluation.ChipHeight} greyscale JPEG 2000 chip simulation" : "as stored")}, live {options.LiveColour}; {unit}"),
            string.Create(c, $"EER                {Pct(rep.Eer)} at threshold {rep.EerThreshold:0.0000}"),
            string.Create(c, $"FNMR @ FMR 1 %     {Pct(rep.FnmrAtFmr1e2)} at threshold {rep.ThresholdAtFmr1e2:0.0000}"),
            string.Create(c, $"FNMR @ FMR 0.1 %   {Pct(rep.FnmrAtFmr1e3)} at threshold {rep.ThresholdAtFmr1e3:0.0000}"),
        };
        lines.Add(double.IsFinite(r.Threshold)
            ? string.Create(c, $"threshold in use   {r.Threshold:0.0000}: FNMR {Pct(rep.FnmrAtConfiguredThreshold)}, FMR {Pct(rep.FmrAtConfiguredThreshold)} (Wilson)")
            : "threshold in use   none built in for this configuration (pass --threshold); JSON reports the FMR 0.1 % threshold of this run");

        if (r.Rows.Count > 1)
        {
            lines.Add(string.Empty);
            lines.Add("| configuration | subset | identities | images | failed | genuine | impostor | EER % | FNMR@FMR 1 % | FNMR@FMR 0.1 % | thr@0.1 % |");
            lines.Add("|---|---|---:|---:|---:|---:|---:|---|---|---|---:|");
            foreach (var row in r.Rows)
            {
                var p = row.Report;
                lines.Add(string.Create(c,
                    $"| {row.Configuration} | {row.Subset} | {row.Identities} | {row.Images} | {row.FailedImages} | {p.GenuinePairs} | {p.ImpostorPairs} | {Short(p.Eer)} | {Short(p.FnmrAtFmr1e2)} | {Short(p.FnmrAtFmr1e3)} | {p.ThresholdAtFmr1e3:0.0000} |"));
            }
        }

        if (rep.ImpostorPairs < 3000)
        {
            lines.Add(string.Create(c, $"note: {rep.ImpostorPairs} impostor pairs cannot resolve FMR 0.1 % (need ≥ 3000)"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
