using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Liveness;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit face-challenge --dir DIR --actions blink,turn-left [--closed-ratio R] [--min-turn D] [--json]</c>: replays captured
/// frames (file-name order) through the FaceMesh active challenge, printing per-frame yaw and eye aspect ratios and the verdict —
/// for calibrating the thresholds on real kiosk captures. Exit codes: 0 evaluated (any verdict), 2 unusable folder or
/// arguments, 3 models missing or invalid.
/// </summary>
internal sealed class FaceChallengeCommand : ICliCommand
{
    public Command Build()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Folder of frames (.jpg/.png/.webp), file-name order = time order", Required = true };
        var actions = new Option<string>("--actions") { Description = "Comma-separated: blink, turn-left, turn-right (subject's own left)", DefaultValueFactory = _ => "blink" };
        var closed = new Option<double?>("--closed-ratio") { Description = "Eye aspect ratio vs baseline that counts as closed (default 0.85)" };
        var turn = new Option<double?>("--min-turn") { Description = "Yaw change in degrees that counts as a turn (default 15)" };
        var json = new Option<bool>("--json") { Description = "Machine-readable output" };
        var command = new Command("face-challenge", "Replay captured frames through the FaceMesh blink/turn challenge (threshold calibration)");
        command.Options.Add(dir);
        command.Options.Add(actions);
        command.Options.Add(closed);
        command.Options.Add(turn);
        command.Options.Add(json);
        command.SetAction(async (parse, ct) =>
        {
            if (!TryParseActions(parse.GetValue(actions)!, out var list))
            {
                await Console.Error.WriteLineAsync("face-challenge: --actions takes blink, turn-left, turn-right (comma-separated)").ConfigureAwait(false);
                return 2;
            }

            var defaults = new ActiveChallengeOptions();
            var options = defaults with
            {
                ClosedRatio = parse.GetValue(closed) ?? defaults.ClosedRatio,
                MinTurnDegrees = parse.GetValue(turn) ?? defaults.MinTurnDegrees,
            };
            return await RunAsync(parse.GetValue(dir)!, list, options, parse.GetValue(json), ct).ConfigureAwait(false);
        });
        return command;
    }

    internal static bool TryParseActions(string text, out IReadOnlyList<ChallengeAction> actions)
    {
        var list = new List<ChallengeAction>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ChallengeAction? a = part.ToUpperInvariant() switch
            {
                "BLINK" => ChallengeAction.Blink,
                "TURN-LEFT" => ChallengeAction.TurnLeft,
                "TURN-RIGHT" => ChallengeAction.TurnRight,
                _ => null,
            };
            if (a is null)
            {
                actions = [];
                return false;
            }

            list.Add(a.Value);
        }

        actions = list;
        return list.Count > 0;
    }

    private static async Task<int> RunAsync(DirectoryInfo dir, IReadOnlyList<ChallengeAction> actions, ActiveChallengeOptions options, bool json, CancellationToken ct)
    {
        try
        {
            var models = FaceModelFiles.Locate();
            using var analyzer = new FaceAnalyzer(models);
            using var landmarker = FaceMeshLandmarker.Open(models);
            var result = await ChallengeReplay.RunAsync(dir.FullName, analyzer, landmarker, actions, options, ct).ConfigureAwait(false);
            Console.WriteLine(json ? ToJson(result) : ToText(result));
            return 0;
        }
        catch (Exception e) when (e is FaceModelsMissingException or FaceModelInvalidException)
        {
            await Console.Error.WriteLineAsync("face-challenge: " + e.Message).ConfigureAwait(false);
            return 3;
        }
        catch (ChallengeReplayException e)
        {
            await Console.Error.WriteLineAsync("face-challenge: " + e.Message).ConfigureAwait(false);
            return 2;
        }
    }

    private static string ToJson(ChallengeReplayResult r) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["outcome"] = r.Result.Outcome.ToString(),
        ["finding"] = r.Result.Finding.ToString(),
        ["detail"] = r.Result.Detail,
        ["frames"] = r.Frames.Select(f => new Dictionary<string, object?>
        {
            ["file"] = f.File,
            ["status"] = f.Status,
            ["yaw"] = f.Measurement?.YawDegrees,
            ["ear_right"] = f.Measurement?.RightEyeAspectRatio,
            ["ear_left"] = f.Measurement?.LeftEyeAspectRatio,
            ["mesh_runs"] = f.MeshRuns,
        }).ToList(),
    });

    private static string ToText(ChallengeReplayResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string> { "| frame | status | yaw ° | EAR right | EAR left | mesh runs |", "|---|---|---:|---:|---:|---:|" };
        foreach (var f in r.Frames)
        {
            lines.Add(f.Measurement is { } m
                ? string.Create(c, $"| {f.File} | {f.Status} | {m.YawDegrees:0.0} | {m.RightEyeAspectRatio:0.000} | {m.LeftEyeAspectRatio:0.000} | {f.MeshRuns} |")
                : string.Create(c, $"| {f.File} | {f.Status} | | | | {f.MeshRuns} |"));
        }

        lines.Add(string.Create(c, $"{r.Result.Outcome} ({r.Result.Finding}): {r.Result.Detail}"));
        return string.Join(Environment.NewLine, lines);
    }
}
