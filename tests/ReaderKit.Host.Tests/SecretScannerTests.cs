using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReaderKit.Contracts;
using ReaderKit.Host.Logging;
using ReaderKit.Host.Reader;

namespace ReaderKit.Host.Tests;

/// <summary>
/// Injects known secrets through a tap (a careless lower layer that puts them into check reasons, the trust-anchor
/// text and its own log lines, plus the state machine's logs) and byte-searches the log output, the journal file and
/// its WAL for every encoding a leak could take.
/// </summary>
public sealed class SecretScannerTests
{
    private const string NumberB = "55021720314821";
    private const string Pin = "7391";
    private const string MyNumber = "123456789018";

    private static IEnumerable<string> Variants()
    {
        foreach (var s in new[] { NumberB, Pin, MyNumber })
        {
            yield return s;
            yield return new string([.. s.Select(c => (char)(c - '0' + '０'))]); // full-width digits
        }

        yield return "1234 5678 9018";
        yield return "1234-5678-9018";
    }

    [Fact]
    public async Task No_secret_reaches_the_logs_the_journal_or_its_wal()
    {
        var capture = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        ReaderHost.AddLogRedaction(services);
        await using var provider = services.BuildServiceProvider();
        var redactor = provider.GetRequiredService<SecretRedactor>();
        var logs = provider.GetRequiredService<ILoggerFactory>();
        var lowerLayer = logs.CreateLogger("ReaderKit.Tap");

        string journalPath;
        byte[] wal;
        byte[] journal;
        using (var rig = new ReaderRig(keep: ["name"], logs: logs, redactor: redactor))
        {
            journalPath = rig.JournalPath;
            rig.Runner.Script = async (request, progress, ct) =>
            {
                // The tap registers the PIN it holds while it holds it (the kiosk keypad path).
                using var pinScope = redactor.Track(Pin);
#pragma warning disable CA1848, CA2254 // careless code on purpose
                lowerLayer.LogWarning($"VERIFY with {NumberB} and PIN {Pin} for holder {MyNumber}");
                lowerLayer.LogError(new InvalidOperationException($"card said no to {NumberB} / {MyNumber} / {Pin}"), "failure {Value}", NumberB);
#pragma warning restore CA1848, CA2254
                await Verdicts.ReportAll(progress);
                return Verdicts.Accepted() with
                {
                    TrustAnchor = "anchor " + MyNumber,
                    Checks =
                    [
                        new CheckLine("surface.verify", CheckLineStatus.Pass, $"number B {NumberB} accepted"),
                        new CheckLine("text.pin", CheckLineStatus.Pass, $"pin {Pin} accepted"),
                        new CheckLine("text.my-number", CheckLineStatus.Pass, $"my number {MyNumber} / {new string([.. MyNumber.Select(c => (char)(c - '0' + '０'))])} / 1234 5678 9018"),
                    ],
                };
            };
            var lease = rig.Machine.AcquireLease("app");
            var tap = rig.Machine.SubmitAsync(lease, ReaderRig.NumberB(), new TapOptions());
            rig.Field.Present = true;
            var result = await tap;
            Assert.Equal(VerdictKind.Accepted, result.Verdict);

            // What was written is still readable (redaction masks, it does not drop records).
            var record = rig.Journal.Get(result.RecordId!.Value);
            Assert.Contains(record.Checks, c => c.Reason.Contains(SecretRedactor.Mask, StringComparison.Ordinal));
            wal = File.ReadAllBytes(journalPath + "-wal");
            Assert.NotEmpty(wal);
            rig.Journal.Checkpoint();
            journal = File.ReadAllBytes(journalPath);
        }

        var logText = capture.Text;
        Assert.Contains("VERIFY with [redacted]", logText, StringComparison.Ordinal);
        foreach (var secret in Variants())
        {
            Assert.DoesNotContain(secret, logText, StringComparison.Ordinal);
            Assert.False(Fixtures.ContainsText(journal, secret), $"'{secret}' found in the journal file");
            Assert.False(Fixtures.ContainsText(wal, secret), $"'{secret}' found in the journal WAL");
        }
    }
}
