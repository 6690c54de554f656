using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReaderKit.Contracts;
using ReaderKit.Tap;
using ReaderKit.Trust;

namespace ReaderKit.Cli.Reporting;

/// <summary>
/// The one report `verify` and `verify-dump` print, as text (one check line each, then the fields and the result) or
/// JSON (schema <see cref="Schema"/>, documented in the README). Holds only what the caller may see: no 照合番号B, no
/// My Number; images as sizes.
/// </summary>
internal sealed record VerificationReport
{
    public const string Schema = "readerkit.verification/1";

    public required string Source { get; init; }

    public required VerdictKind Verdict { get; init; }

    public required ErrorCode Error { get; init; }

    public required string Message { get; init; }

    public bool? Genuine { get; init; }

    public bool? ValidAtVerificationTime { get; init; }

    public DateTimeOffset? VerificationTime { get; init; }

    public IReadOnlyList<CheckLine> Checks { get; init; } = [];

    public IReadOnlyList<TrustAnchor> AnchorsUsed { get; init; } = [];

    public TrustAnchor? TrustAnchor { get; init; }

    public Retries? Retries { get; init; }

    public DateOnly? BirthDate { get; init; }

    public string? Sex { get; init; }

    public string? Name { get; init; }

    public string? Address { get; init; }

    public DateOnly? TextBirthDate { get; init; }

    public string? TextSex { get; init; }

    public int? PhotoBytes { get; init; }

    public int? NameImageBytes { get; init; }

    public int? AddressImageBytes { get; init; }

    public DateOnly? Expiry { get; init; }

    public bool ExpirySigned { get; init; }

    public string? ExpirySource { get; init; }

    public string? MunicipalityCode { get; init; }

    public string? JpkiAuthSubject { get; init; }

    public TapFaceOutcome Face { get; init; } = TapFaceOutcome.NotRun;

    public TapFaceResult? FaceResult { get; init; }

    public IReadOnlyList<TapTiming> Timings { get; init; } = [];

    public TimeSpan? Total { get; init; }

    public bool Accepted => Verdict == VerdictKind.Accepted;

    public int ExitCode => ExitCodes.For(Verdict);

    /// <summary>The report of one tap.</summary>
    public static VerificationReport FromTap(TapVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var p = verdict.Personal;
        return new VerificationReport
        {
            Source = "card",
            Verdict = verdict.Kind,
            Error = verdict.Error,
            Message = verdict.Message,
            Genuine = verdict.CardRead ? verdict.Genuine : null,
            ValidAtVerificationTime = verdict.CardRead ? verdict.ValidAtVerificationTime : null,
            VerificationTime = verdict.VerificationTime,
            Checks = verdict.Checks,
            AnchorsUsed = verdict.AnchorsUsed,
            TrustAnchor = verdict.TrustAnchor,
            Retries = verdict.Retries,
            BirthDate = p?.BirthDate,
            Sex = p?.Sex?.ToString(),
            Name = p?.Name,
            Address = p?.Address,
            PhotoBytes = p?.PhotoJpeg2000?.Length,
            NameImageBytes = p?.NameImagePng?.Length,
            AddressImageBytes = p?.AddressImagePng?.Length,
            Expiry = p?.Expiry,
            ExpirySource = p?.ExpirySource,
            MunicipalityCode = p?.MunicipalityCode,
            Face = verdict.Face,
            FaceResult = verdict.FaceResult,
            Timings = verdict.Timings,
            Total = verdict.Total,
        };
    }

    /// <summary>
    /// The report of EF dumps: no chip is present, so the chip challenge cannot run and the verdict is the checks' —
    /// accepted when every check that had its inputs passed (and at least one did), expired when only a validity check
    /// failed, not genuine when any other check failed.
    /// </summary>
    public static VerificationReport FromDump(EvidenceResult result, IReadOnlyList<CheckOutcome> checks, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(checks);
        var failed = checks.Where(c => c.Status == CheckStatus.Fail).ToList();
        var anyPass = checks.Any(c => c.Status == CheckStatus.Pass);
        var (verdict, error, message) =
            failed.Any(c => !CheckNames.ValidityChecks.Contains(c.Name)) ? (VerdictKind.NotGenuine, ErrorCode.NotGenuine, $"Dump NOT genuine: {failed.First(c => !CheckNames.ValidityChecks.Contains(c.Name)).Name} failed.")
            : failed.Count > 0 ? (VerdictKind.Expired, ErrorCode.Expired, "Dump genuine but EXPIRED at the verification time.")
            : !anyPass ? (VerdictKind.NotGenuine, ErrorCode.NotGenuine, "No check could run on the dumps given.")
            : (VerdictKind.Accepted, ErrorCode.Ok, "Every check that had its inputs passed (no chip: the chip challenge cannot run on dumps).");
        var genuine = failed.All(c => CheckNames.ValidityChecks.Contains(c.Name)) && anyPass;
        return new VerificationReport
        {
            Source = "dump",
            Verdict = verdict,
            Error = error,
            Message = message,
            Genuine = genuine,
            ValidAtVerificationTime = checks.Any(c => c.Name == CheckNames.CardNotExpired) ? checks.Any(c => c is { Name: CheckNames.CardNotExpired, Status: CheckStatus.Pass }) : null,
            VerificationTime = at,
            Checks = [.. checks.Select(c => new CheckLine(c.Name, (CheckLineStatus)(int)c.Status, c.Reason))],
            AnchorsUsed = result.AnchorsUsed,
            TrustAnchor = result.SurfaceAnchor,
            BirthDate = result.CardFace?.BirthDate,
            Sex = result.CardFace?.Sex.ToString(),
            PhotoBytes = result.CardFace?.PhotoJpeg2000.Length,
            NameImageBytes = result.CardFace?.NameImagePng.Length,
            AddressImageBytes = result.CardFace?.AddressImagePng.Length,
            TextBirthDate = result.TextAttributes?.BirthDate,
            TextSex = result.TextAttributes?.Sex.ToString(),
            Expiry = result.Expiry?.Value,
            ExpirySigned = result.Expiry?.IsSigned ?? false,
            ExpirySource = result.Expiry?.Source,
            JpkiAuthSubject = result.JpkiAuthSubject,
        };
    }

    /// <summary>People's form: one line per check, the fields, the timings and <c>RESULT: … → ACCEPT|REJECT</c>.</summary>
    public string ToText()
    {
        var s = new StringBuilder();
        foreach (var check in Checks)
        {
            s.AppendLine(check.ToString());
        }

        s.AppendLine();
        Line(s, "birth date", BirthDate is { } dob ? string.Create(CultureInfo.InvariantCulture, $"{dob:yyyy-MM-dd} (signed)") : null);
        Line(s, "sex", Sex is null ? null : $"{Sex} (signed)");
        Line(s, "name", Name is null ? null : $"{Name} (signed, text AP, bound to the chip)");
        Line(s, "address", Address is null ? null : $"{Address} (signed, text AP, bound to the chip)");
        Line(s, "photo", PhotoBytes is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n} B JPEG 2000 (signed)") : null);
        Line(s, "expiry", Expiry is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d:yyyy-MM-dd} ({(ExpirySigned ? "signed" : "UNSIGNED")}{(ExpirySource is null ? string.Empty : ", " + ExpirySource)})") : null);
        Line(s, "municipality", MunicipalityCode is null ? null : $"{MunicipalityCode} (UNSIGNED)");
        Line(s, "anchor", TrustAnchor?.Describe());
        if (Retries is { } r)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{"tries",-13} {r.Credential}: {(r.RemainingBefore is { } b ? b.ToString(CultureInfo.InvariantCulture) : "unknown")} before, floor {r.Floor}, value {(r.ValueSent ? "sent" : "not sent")}{(r.RemainingAfter is { } a ? string.Create(CultureInfo.InvariantCulture, $", {a} left") : string.Empty)}");
        }

        if (Timings.Count > 0)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{"timings",-13} {string.Join(", ", Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.Duration.TotalMilliseconds:0} ms")))}; total {Total?.TotalMilliseconds:0} ms");
        }

        s.Append(CultureInfo.InvariantCulture, $"RESULT: {Summary()} → {(Accepted ? "ACCEPT" : "REJECT")}");
        return s.ToString();
    }

    /// <summary>Software's form (schema <see cref="Schema"/>).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("source", Source);
            w.WriteString("verdict", Verdict.ToString());
            w.WriteBoolean("accepted", Accepted);
            w.WriteNumber("exitCode", ExitCode);
            w.WriteStartObject("error");
            w.WriteNumber("code", (int)Error);
            w.WriteString("name", ErrorCodes.NameOf(Error));
            w.WriteString("message", Message);
            w.WriteEndObject();
            Bool(w, "genuine", Genuine);
            Bool(w, "validAtVerificationTime", ValidAtVerificationTime);
            if (VerificationTime is { } at)
            {
                w.WriteString("verificationTime", at);
            }
            else
            {
                w.WriteNull("verificationTime");
            }

            w.WriteStartArray("checks");
            foreach (var c in Checks)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("status", c.StatusWord);
                w.WriteString("reason", c.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (TrustAnchor is { } anchor)
            {
                w.WriteString("trustAnchor", anchor.Describe());
            }
            else
            {
                w.WriteNull("trustAnchor");
            }

            w.WriteStartArray("anchorsUsed");
            foreach (var a in AnchorsUsed)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Name);
                w.WriteString("role", TrustAnchor.RoleName(a.Role));
                w.WriteString("origin", a.IsFromFile ? "file" : "built-in");
                w.WriteString("source", a.Source);
                w.WriteBoolean("test", a.IsTestAnchor);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (Retries is { } r)
            {
                w.WriteStartObject("retries");
                w.WriteString("credential", r.Credential);
                Int(w, "remainingBefore", r.RemainingBefore);
                w.WriteNumber("floor", r.Floor);
                w.WriteBoolean("valueSent", r.ValueSent);
                Int(w, "remainingAfter", r.RemainingAfter);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("retries");
            }

            Str(w, "birthDate", BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Str(w, "sex", Sex);
            if (Expiry is { } expiry)
            {
                w.WriteStartObject("expiry");
                w.WriteString("value", expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteBoolean("signed", ExpirySigned);
                Str(w, "source", ExpirySource);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("expiry");
            }

            if (MunicipalityCode is { } m)
            {
                w.WriteStartObject("municipalityCode");
                w.WriteString("value", m);
                w.WriteBoolean("signed", false);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("municipalityCode");
            }

            Int(w, "photoBytes", PhotoBytes);
            Int(w, "nameImageBytes", NameImageBytes);
            Int(w, "addressImageBytes", AddressImageBytes);
            if (Name is not null || Address is not null || TextBirthDate is not null)
            {
                w.WriteStartObject("text");
                Str(w, "name", Name);
                Str(w, "address", Address);
                Str(w, "birthDate", TextBirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Str(w, "sex", TextSex);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("text");
            }

            Str(w, "jpkiAuthSubject", JpkiAuthSubject);
            w.WriteString("faceOutcome", Face.ToString());
            if (FaceResult is { } face)
            {
                w.WriteStartObject("face");
                w.WriteString("outcome", face.Outcome.ToString());
                w.WriteString("decision", face.MatchDecision);
                w.WriteString("reason", face.Reason);
                if (face.Score is { } score)
                {
                    w.WriteNumber("score", Math.Round(score, 4));
                }
                else
                {
                    w.WriteNull("score");
                }

                w.WriteNumber("threshold", face.Threshold);
                w.WriteNumber("framesCaptured", face.FramesCaptured);
                w.WriteNumber("framesUsable", face.FramesUsable);
                w.WriteBoolean("accepted", face.Outcome == TapFaceOutcome.Accepted);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("face");
            }

            w.WriteStartObject("timingsMs");
            foreach (var t in Timings)
            {
                w.WriteStartObject(t.Name);
                w.WriteNumber("start", Math.Round(t.Offset.TotalMilliseconds, 1));
                w.WriteNumber("duration", Math.Round(t.Duration.TotalMilliseconds, 1));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            if (Total is { } total)
            {
                w.WriteNumber("totalMs", Math.Round(total.TotalMilliseconds, 1));
            }
            else
            {
                w.WriteNull("totalMs");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private string Summary()
    {
        if (Verdict is VerdictKind.ReaderError or VerdictKind.Cancelled or VerdictKind.CredentialRefused || Genuine is null)
        {
            return Message;
        }

        var subject = Source == "dump" ? "dump" : "card";
        var card = Genuine == false ? $"{subject} NOT genuine"
            : ValidAtVerificationTime == false ? $"{subject} genuine but EXPIRED"
            : Source == "dump" ? "every check that had its inputs passed" : "card genuine";
        var face = Face switch
        {
            TapFaceOutcome.Accepted => ", face matched",
            TapFaceOutcome.NotChecked => ", face NOT checked",
            TapFaceOutcome.NotRun => string.Empty,
            _ => $", face NOT accepted ({Face})",
        };
        return card + face;
    }

    private static void Line(StringBuilder s, string label, string? text)
    {
        if (text is not null)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"{label + ":",-13} {text}");
        }
    }

    private static void Bool(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Int(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
