using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReaderKit.Contracts;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;
using ReaderKit.Host.Status;
using ReaderKit.Host.Tools;

namespace ReaderKit.Host.Tests;

public sealed class ToolTests
{
    private static string Config(TempDir dir) =>
        $$"""{ "Reader": { "DeviceId": "t", "StatusFile": "{{dir.File("status.json")}}", "ModelsDirectory": "{{dir.File("models")}}" }, "Journal": { "Path": "{{dir.File("journal.db")}}", "KeyFile": "{{dir.File("keys.json")}}" } }""";

    [Fact]
    public void Export_and_reconcile_through_the_host_settings()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("appsettings.json"), Config(dir));
        var settings = HostSettings.Load(dir.File("appsettings.json"));
        var time = new FakeTimeProvider(Fixtures.Start);
        var (keys, journal) = Fixtures.OpenJournal(dir, time);
        JournalRecordId offline;
        using (keys)
        using (journal)
        {
            journal.Append(new TapJournalEntry { StartedAt = Fixtures.Start, FinishedAt = Fixtures.Start, Verdict = VerdictKind.Accepted, Error = ErrorCode.Ok, Mode = OperatingMode.Online });
            offline = journal.Append(new TapJournalEntry { StartedAt = Fixtures.Start, FinishedAt = Fixtures.Start, Verdict = VerdictKind.Accepted, Error = ErrorCode.Ok, Mode = OperatingMode.Offline });
        }

        using var output = new MemoryStream();
        using var messages = new StringWriter();
        Assert.Equal(0, JournalTool.Export(settings.Journal, Fixtures.Start.AddDays(-1), true, JournalExportFormat.Jsonl, output, messages, time));
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(offline.ToString(), lines[0], StringComparison.Ordinal);
        Assert.Contains("1 record(s)", messages.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, JournalTool.Reconcile(settings.Journal, [offline.ToString().ToLowerInvariant()], "ref-1", messages, time));
        Assert.Equal(ToolExitCodes.InvalidInput, JournalTool.Reconcile(settings.Journal, ["not-an-id"], null, messages, time));
        Assert.Equal(ToolExitCodes.InvalidInput, JournalTool.Reconcile(settings.Journal, [JournalRecordId.New(Fixtures.Start).ToString()], null, messages, time));

        using var keys2 = DeviceKeyRing.Open(settings.Journal.KeyFile);
        using var reopened = TapJournal.Open(settings.Journal.Path, keys2, time, "t");
        Assert.Equal("ref-1", reopened.Get(offline).ReconciliationReference);
    }

    [Fact]
    public void Export_without_a_journal_is_unavailable_and_bad_settings_list_every_failure()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("appsettings.json"), Config(dir));
        var settings = HostSettings.Load(dir.File("appsettings.json"));
        using var messages = new StringWriter();
        Assert.Equal(ToolExitCodes.Unavailable, JournalTool.Export(settings.Journal, Fixtures.Start, false, JournalExportFormat.Csv, Stream.Null, messages, TimeProvider.System));
        var e = Assert.Throws<OptionsValidationException>(() => HostSettings.Load(dir.File("appsettings.json"), new Dictionary<string, string?> { ["Journal:RetentionDays"] = "0", ["Reader:Language"] = "de" }));
        Assert.Equal(2, e.Failures.Count());
    }

    [Theory]
    [InlineData("7d", -7 * 24)]
    [InlineData("12h", -12)]
    [InlineData("2026-11-19", -33)]
    [InlineData("2026-11-20T08:00:00+09:00", -10)]
    public void Since_accepts_dates_and_relative_spans(string text, int hours)
    {
        Assert.True(JournalTool.TryParseSince(text, Fixtures.Start, out var since));
        Assert.Equal(Fixtures.Start.AddHours(hours), since);
    }

    [Fact]
    public void Status_reports_running_faulty_and_stale_hosts()
    {
        using var dir = new TempDir();
        var time = new FakeTimeProvider(Fixtures.Start);
        var path = dir.File("status.json");
        using var output = new StringWriter();
        Assert.Equal(ToolExitCodes.Unavailable, StatusTool.Run(path, false, output, time));
        var status = new HostStatus
        {
            DeviceId = "r1", ProcessId = 1, StartedAt = Fixtures.Start, UpdatedAt = Fixtures.Start, ReaderState = "idle", Mode = "offline",
            ModeReason = "power-fail", PowerFailed = true, Indicator = "amber",
        };
        HostStatusFile.Write(path, status);
        Assert.Equal(ToolExitCodes.Ok, StatusTool.Run(path, false, output, time));
        Assert.Contains("mode:      offline (power-fail), UPS on battery", output.ToString(), StringComparison.Ordinal);
        HostStatusFile.Write(path, status with { Faults = ["journal: disk full"] });
        Assert.Equal(ToolExitCodes.Warning, StatusTool.Run(path, true, output, time));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ToolExitCodes.Unavailable, StatusTool.Run(path, false, output, time));
    }

    [Fact]
    public async Task Doctor_never_reports_an_unwired_probe_as_ok()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("appsettings.json"), Config(dir));
        var settings = HostSettings.Load(dir.File("appsettings.json"));
        var checks = DoctorTool.Checks(settings, null, null, new FakeTimeProvider(Fixtures.Start));
        using var output = new StringWriter();
        var exit = await DoctorTool.RunAsync(checks, json: true, output, CancellationToken.None);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["reader.link", "reader.field", "camera", "face.models", "journal.health", "trust.store", "clock"], lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()));
        Assert.StartsWith("""{"name":"reader.link","status":"WARN","detail":"not checked""", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"FAIL\"", lines[3], StringComparison.Ordinal); // no models in the temp dir
        Assert.Equal(2, exit);
    }
}
