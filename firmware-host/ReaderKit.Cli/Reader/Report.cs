using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ReaderKit.Trust;

namespace ReaderKit.Cli.Reader;

/// <summary>
/// Renders a verification for people (one line per check) and for software (JSON). Holds only what the caller is
/// allowed to see: no 照合番号B, no My Number, images as sizes/base64 only where asked.
/// </summary>
internal static class Report
{
    public static string Text(VerifiedCard card, LiveFaceResult? face)
    {
        var s = new StringBuilder();
        foreach (var check in card.Checks)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{check.Status.ToString().ToUpperInvariant(),-4} {check.Name}: {check.Reason}");
        }

        if (face is not null)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{(face.Decision == Face.Matching.FaceMatchDecision.Match ? "PASS" : "FAIL"),-4} face.match: {face.Decision}, best score {Score(face.BestScore)} (threshold {face.Threshold:0.###}), {face.FramesUsable}/{face.FramesCaptured} usable frames, quality: {face.LiveQuality}");
            foreach (var pad in face.Screening.Checks)
            {
                var status = pad.Outcome switch { Face.Liveness.PadOutcome.BonaFide => "PASS", Face.Liveness.PadOutcome.Attack => "FAIL", _ => "SKIP" };
                s.AppendLine(CultureInfo.InvariantCulture, $"{status,-4} face.pad.{pad.Check}: {pad.Finding}, {pad.Detail}");
            }
        }

        s.AppendLine();
        if (card.BirthDate is { } dob)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"birth date:   {dob:yyyy-MM-dd} (signed)");
        }

        if (card.Sex is { } sex)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"sex:          {sex} (signed)");
        }

        if (card.TextAttributes is { } text)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"name:         {text.Name} (signed, text AP)");
            s.AppendLine(CultureInfo.InvariantCulture, $"address:      {text.Address} (signed, text AP)");
        }

        if (card.NameImagePng is { } name)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"name image:   {name.Length} B PNG, address image {card.AddressImagePng?.Length ?? 0} B PNG (signed)");
        }

        if (card.PhotoJpeg2000 is { } photo)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"photo:        {photo.Length} B JPEG 2000 (signed)");
        }

        if (card.Expiry is { } expiry)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"expiry:       {expiry.Value:yyyy-MM-dd} (UNSIGNED, {expiry.Source})");
        }

        if (card.MunicipalityCode is { } municipality)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"municipality: {municipality.Value} (UNSIGNED, {municipality.Source})");
        }

        if (card.RemainingTriesBeforeVerify is { } tries)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"照合番号B tries before VERIFY: {tries}");
        }

        s.AppendLine(CultureInfo.InvariantCulture, $"timings:      {string.Join(", ", card.Timings.Select(t => $"{t.Step} {t.Duration.TotalMilliseconds:0} ms"))}");
        var verdict = !card.IsGenuine ? "card NOT genuine" : card.IsValidAtVerificationTime ? "card genuine" : "card genuine but EXPIRED";
        s.Append(CultureInfo.InvariantCulture, $"RESULT: {verdict}{(face is null ? string.Empty : face.Accepted ? ", face matched" : ", face NOT accepted")} → {(Accepted(card, face) ? "ACCEPT" : "REJECT")}");
        return s.ToString();
    }

    public static JsonObject Json(VerifiedCard card, LiveFaceResult? face)
    {
        var report = new JsonObject
        {
            ["genuine"] = card.IsGenuine,
            ["validAtVerificationTime"] = card.IsValidAtVerificationTime,
            ["checks"] = new JsonArray([.. card.Checks.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["status"] = c.Status.ToString().ToUpperInvariant(), ["reason"] = c.Reason })]),
            ["birthDate"] = card.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sex"] = card.Sex?.ToString(),
            ["expiry"] = card.Expiry is { } e ? new JsonObject { ["value"] = e.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["signed"] = false, ["source"] = e.Source } : null,
            ["municipalityCode"] = card.MunicipalityCode is { } m ? new JsonObject { ["value"] = m.Value, ["signed"] = false, ["source"] = m.Source } : null,
            ["photoBytes"] = card.PhotoJpeg2000?.Length,
            ["remainingTriesBeforeVerify"] = card.RemainingTriesBeforeVerify,
            ["timingsMs"] = new JsonObject([.. card.Timings.Select(t => KeyValuePair.Create(t.Step.ToString(), (JsonNode?)JsonValue.Create(Math.Round(t.Duration.TotalMilliseconds, 1))))]),
        };
        if (card.TextAttributes is { } text)
        {
            report["text"] = new JsonObject
            {
                ["name"] = text.Name,
                ["address"] = text.Address,
                ["birthDate"] = text.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["sex"] = text.Sex.ToString(),
            };
        }

        if (face is not null)
        {
            report["face"] = new JsonObject
            {
                ["decision"] = face.Decision.ToString(),
                ["score"] = face.BestScore,
                ["quality"] = face.LiveQuality,
                ["threshold"] = face.Threshold,
                ["framesCaptured"] = face.FramesCaptured,
                ["framesUsable"] = face.FramesUsable,
                ["pad"] = face.Screening.Outcome.ToString(),
                ["padChecks"] = new JsonArray([.. face.Screening.Checks.Select(p => (JsonNode)new JsonObject { ["check"] = p.Check, ["outcome"] = p.Outcome.ToString(), ["finding"] = p.Finding.ToString(), ["detail"] = p.Detail })]),
                ["accepted"] = face.Accepted,
            };
        }

        report["accepted"] = Accepted(card, face);
        return report;
    }

    /// <summary>What a kiosk acts on: a genuine, unexpired card and, when a camera was used, an accepted face.</summary>
    public static bool Accepted(VerifiedCard card, LiveFaceResult? face) => card.IsAccepted && face is null or { Accepted: true };

    private static string Score(double? score) => score is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
