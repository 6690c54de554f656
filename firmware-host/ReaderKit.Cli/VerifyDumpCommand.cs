using System.CommandLine;
using System.Globalization;
using ReaderKit.Cli.Reporting;
using ReaderKit.Trust;

namespace ReaderKit.Cli;

/// <summary>
/// <c>readerkit verify-dump</c>: verifies EF dumps read earlier from a card (raw READ BINARY bytes, one file per EF)
/// against the trust store, with the same <see cref="EvidenceVerifier"/> as the live path. Prints one line per check
/// and the same report and exit codes as <c>verify</c> (README): 0 every check that had its inputs passed, 4 a check
/// failed (not genuine, or expired), 2 usage or input error (no dump given, unreadable file, invalid trust file or date).
/// </summary>
internal sealed class VerifyDumpCommand : ICliCommand
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
                return ExitCodes.BadInput;
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
            return ExitCodes.BadInput;
        }

        if (evidence == new CardEvidence())
        {
            error.WriteLine("verify-dump: give at least one EF dump (--surface-face, --surface-cvc, --text-…, --jpki-…).");
            return ExitCodes.BadInput;
        }

        var result = new EvidenceVerifier(new TrustOptions { TrustStore = trust, AllowTestAnchors = parse.GetValue(_allowTestAnchors) }).VerifyAll(evidence, new EvidenceContext(at));
        var checks = result.Checks.Where(c => c.Status != CheckStatus.Skip || IsRelevant(c, evidence)).ToList();
        var report = VerificationReport.FromDump(result, checks, at);
        output.WriteLine(parse.GetValue(_json) ? report.ToJson() : report.ToText());
        return report.ExitCode;
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
}
