using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReaderKit.Trust;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit verify-dump</c>: verifies EF dumps read earlier from a card (raw READ BINARY bytes, one file per EF)
/// against the trust store, with the same <see cref="EvidenceVerifier"/> as the live path. Prints one line per check
/// (PASS/FAIL/SKIP, name, reason) or a JSON report. Exit 0: every check that had its inputs passed; 1: a check failed;
/// 2: usage or input error (no dump given, unreadable file, invalid trust file or date).
/// </summary>
public sealed class VerifyDumpCommand : ICliCommand
{
    private readonly Option<FileInfo?> _trust = new("--trust") { Description = "Extra trust anchors (JSON: cvcIssuerKeys, jpkiRoots, each with a role) on top of the built-in production ones." };
    private readonly Option<bool> _allowTestAnchors = new("--allow-test-anchors") { Description = "Accept test-hierarchy anchors (key ids 6…, JPKI-TEST roots, entries marked test, e.g. the simulator's trust file)." };
    private readonly Option<FileInfo?> _surfaceFace = new("--surface-face") { Description = "Surface AP EF 0002 (card face)." };
    private readonly Option<FileInfo?> _surfaceCvc = new("--surface-cvc") { Description = "Surface AP EF 0004 (CVC)." };
    private readonly Option<FileInfo?> _textAttributes = new("--text-attributes") { Description = "Text AP EF 0002 (name, address, DOB, sex)." };
    private readonly Option<FileInfo?> _textIntegrity = new("--text-integrity") { Description = "Text AP EF 0003 (DF31/DF32/DF33)." };
    private readonly Option<FileInfo?> _textCvc = new("--text-cvc") { Description = "Text AP EF 0004 (CVC)." };
    private readonly Option<FileInfo?> _jpkiAuthCert = new("--jpki-auth-cert") { Description = "JPKI AP EF 000A (user-authentication certificate, DER)." };
    private readonly Option<FileInfo?> _jpkiAuthCa = new("--jpki-auth-ca") { Description = "JPKI AP EF 000B (its CA certificate, DER)." };
    private readonly Option<string?> _at = new("--at") { Description = "Verification date YYYY-MM-DD (00:00 UTC); default now." };
    private readonly Option<bool> _json = new("--json") { Description = "Print a JSON report instead of lines." };

    public Command Build()
    {
        var command = new Command("verify-dump", "Verify EF dumps of a My Number Card offline against the trust store.");
        foreach (var option in new Option[] { _trust, _allowTestAnchors, _surfaceFace, _surfaceCvc, _textAttributes, _textIntegrity, _textCvc, _jpkiAuthCert, _jpkiAuthCa, _at, _json })
        {
            command.Options.Add(option);
        }

        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        DateTimeOffset at;
        if (parse.GetValue(_at) is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                error.WriteLine($"verify-dump: --at must be YYYY-MM-DD, got \"{text}\"");
                return 2;
            }

            at = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else
        {
            at = TimeProvider.System.GetUtcNow();
        }

        CardEvidence evidence;
        TrustStore trust;
        try
        {
            evidence = new CardEvidence
            {
                SurfaceCardFace = Read(parse, _surfaceFace),
                SurfaceCertificate = Read(parse, _surfaceCvc),
                TextAttributes = Read(parse, _textAttributes),
                TextIntegrity = Read(parse, _textIntegrity),
                TextCertificate = Read(parse, _textCvc),
                JpkiAuthCertificate = Read(parse, _jpkiAuthCert),
                JpkiAuthCaCertificate = Read(parse, _jpkiAuthCa),
            };
            trust = TrustStore.Load(parse.GetValue(_trust)?.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TrustStoreFormatException)
        {
            error.WriteLine($"verify-dump: {ex.Message}");
            return 2;
        }

        if (evidence == new CardEvidence())
        {
            error.WriteLine("verify-dump: give at least one EF dump (--surface-face, --surface-cvc, --text-…, --jpki-…).");
            return 2;
        }

        var result = new EvidenceVerifier(new TrustOptions { TrustStore = trust, AllowTestAnchors = parse.GetValue(_allowTestAnchors) }).VerifyAll(evidence, new EvidenceContext(at));
        var checks = result.Checks.Where(c => c.Status != CheckStatus.Skip || IsRelevant(c, evidence)).ToList();
        var passed = checks.Any(c => c.Status == CheckStatus.Pass) && checks.All(c => c.Status != CheckStatus.Fail);
        if (parse.GetValue(_json))
        {
            output.WriteLine(ToJson(result, checks, at, passed));
        }
        else
        {
            foreach (var check in checks)
            {
                output.WriteLine($"{check.Status.ToString().ToUpperInvariant(),-4} {check.Name}: {check.Reason}");
            }

            output.WriteLine(passed ? "RESULT: every check that had its inputs passed" : "RESULT: FAILED");
        }

        return passed ? 0 : 1;
    }

    /// <summary>Skips are listed for the APs the caller gave at least one dump of (so missing pieces are visible).</summary>
    private static bool IsRelevant(CheckOutcome check, CardEvidence evidence) => check.Name.Split('.')[0] switch
    {
        "surface" or "card" => evidence.SurfaceCardFace is not null || evidence.SurfaceCertificate is not null,
        "text" => evidence.TextAttributes is not null || evidence.TextIntegrity is not null || evidence.TextCertificate is not null,
        "jpki" => evidence.JpkiAuthCertificate is not null || evidence.JpkiAuthCaCertificate is not null,
        _ => false,
    };

    private static byte[]? Read(ParseResult parse, Option<FileInfo?> option) =>
        parse.GetValue(option) is { } file ? File.ReadAllBytes(file.FullName) : null;

    private static string ToJson(EvidenceResult result, IReadOnlyList<CheckOutcome> checks, DateTimeOffset at, bool passed)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("verificationTime", at);
            json.WriteBoolean("passed", passed);
            json.WriteStartArray("checks");
            foreach (var check in checks)
            {
                json.WriteStartObject();
                json.WriteString("name", check.Name);
                json.WriteString("status", check.Status.ToString().ToUpperInvariant());
                json.WriteString("reason", check.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("card");
            if (result.CardFace is { } face)
            {
                json.WriteString("birthDate", face.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("sex", face.Sex.ToString());
                json.WriteNumber("photoBytes", face.PhotoJpeg2000.Length);
                json.WriteNumber("nameImageBytes", face.NameImagePng.Length);
                json.WriteNumber("addressImageBytes", face.AddressImagePng.Length);
            }

            if (result.Expiry is { } expiry)
            {
                json.WriteStartObject("expiry");
                json.WriteString("value", expiry.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteBoolean("signed", expiry.IsSigned);
                json.WriteEndObject();
            }

            if (result.TextAttributes is { } text)
            {
                json.WriteString("textBirthDate", text.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("textSex", text.Sex.ToString());
            }

            if (result.JpkiAuthSubject is { } subject)
            {
                json.WriteString("jpkiAuthSubject", subject);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
