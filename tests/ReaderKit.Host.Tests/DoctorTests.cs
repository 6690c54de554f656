using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using ReaderKit.Contracts;
using ReaderKit.Host.Diagnostics;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Tests;

public sealed class DoctorTests
{
    private sealed class FakeReader(ReaderProbeResult result) : IReaderProbe
    {
        public Task<ReaderProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(result);
    }

    private sealed class FakeCamera(CameraProbeResult result) : ICameraProbe
    {
        public Task<CameraProbeResult> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(result);
    }

    private sealed class FakeAnchors(params TrustAnchorInfo[] anchors) : ITrustAnchorSource
    {
        public IReadOnlyList<TrustAnchorInfo> Anchors() => anchors;
    }

    private sealed class HangingCheck : IDoctorCheck
    {
        public string Name => "hangs";

        public async Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new DoctorLine(Name, DoctorStatus.Ok, "never");
        }
    }

    private sealed class ThrowingCheck : IDoctorCheck
    {
        public string Name => "throws";

        public Task<DoctorLine> RunAsync(CancellationToken cancellationToken) => throw new IOException("bus error");
    }

    [Fact]
    public async Task Reader_link_and_field_lines()
    {
        var ok = new FakeReader(new ReaderProbeResult("spi bus 0 cs 8", "PN532 v1.6", true, false, null));
        Assert.Equal(new DoctorLine("reader.link", DoctorStatus.Ok, "PN532 v1.6 on spi bus 0 cs 8"), await new ReaderLinkCheck(ok).RunAsync(CancellationToken.None));
        var noCard = await new CardFieldCheck(ok).RunAsync(CancellationToken.None);
        Assert.Equal(DoctorStatus.Warn, noCard.Status);
        Assert.NotNull(noCard.Fix);
        var card = new FakeReader(new ReaderProbeResult("spi bus 0 cs 8", "PN532 v1.6", true, true, null));
        Assert.Equal(DoctorStatus.Ok, (await new CardFieldCheck(card).RunAsync(CancellationToken.None)).Status);

        var silent = new FakeReader(new ReaderProbeResult("i2c bus 1", null, false, null, "no ACK"));
        var link = await new ReaderLinkCheck(silent).RunAsync(CancellationToken.None);
        Assert.Equal(DoctorStatus.Fail, link.Status);
        Assert.Contains("no ACK", link.Detail, StringComparison.Ordinal);
        Assert.NotNull(link.Fix);
        var specific = new FakeReader(new ReaderProbeResult("hsu /dev/ttyS9", null, false, null, "/dev/ttyS9 does not exist") { Fix = "Enable the UART." });
        Assert.Equal("Enable the UART.", (await new ReaderLinkCheck(specific).RunAsync(CancellationToken.None)).Fix);
        Assert.Equal(DoctorStatus.Fail, (await new CardFieldCheck(silent).RunAsync(CancellationToken.None)).Status);

        var noTypeB = new FakeReader(new ReaderProbeResult("hsu", "PN533", false, null, null));
        Assert.Equal(DoctorStatus.Fail, (await new ReaderLinkCheck(noTypeB).RunAsync(CancellationToken.None)).Status);
        Assert.Equal(DoctorStatus.Warn, (await new CardFieldCheck(noTypeB).RunAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Camera_lines()
    {
        Assert.Equal(DoctorStatus.Ok, (await new CameraCheck(new FakeCamera(new("rpicam", 10, 640, 480, null))).RunAsync(CancellationToken.None)).Status);
        Assert.Equal(DoctorStatus.Warn, (await new CameraCheck(new FakeCamera(new("v4l2:0", 10, 160, 120, null))).RunAsync(CancellationToken.None)).Status);
        Assert.Equal(DoctorStatus.Fail, (await new CameraCheck(new FakeCamera(new("v4l2:0", 0, 0, 0, "ENODEV"))).RunAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Face_models_are_checked_against_sha256sums()
    {
        using var dir = new TempDir();
        string[] files = ["blazeface.onnx", "face_recognition.onnx"];
        var check = new FaceModelsCheck(dir.Path, files);
        Assert.Equal(DoctorStatus.Fail, (await check.RunAsync(CancellationToken.None)).Status);
        foreach (var f in files)
        {
            await File.WriteAllBytesAsync(dir.File(f), RandomNumberGenerator.GetBytes(100));
        }

        Assert.Equal(DoctorStatus.Warn, (await check.RunAsync(CancellationToken.None)).Status);
        var sums = files.Select(f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dir.File(f)))) + "  " + f);
        await File.WriteAllLinesAsync(dir.File("SHA256SUMS"), sums);
        Assert.Equal(DoctorStatus.Ok, (await check.RunAsync(CancellationToken.None)).Status);
        await File.WriteAllBytesAsync(dir.File(files[1]), [1, 2, 3]);
        var bad = await check.RunAsync(CancellationToken.None);
        Assert.Equal(DoctorStatus.Fail, bad.Status);
        Assert.Contains("face_recognition.onnx (checksum differs)", bad.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_health_reports_integrity_retention_and_key_permissions()
    {
        using var dir = new TempDir();
        var time = new FakeTimeProvider(Fixtures.Start);
        var check = new JournalHealthCheck(dir.File("journal.db"), dir.File("keys.json"), 30, time);
        Assert.Equal(DoctorStatus.Warn, (await check.RunAsync(CancellationToken.None)).Status);

        var (keys, journal) = Fixtures.OpenJournal(dir, time);
        using (keys)
        using (journal)
        {
            journal.Append(new TapJournalEntry { StartedAt = Fixtures.Start.AddDays(-1), FinishedAt = Fixtures.Start, Verdict = VerdictKind.Accepted, Error = ErrorCode.Ok, Mode = OperatingMode.Offline });
            var ok = await check.RunAsync(CancellationToken.None);
            Assert.Equal(DoctorStatus.Ok, ok.Status);
            Assert.StartsWith("integrity ok, 1 records", ok.Detail, StringComparison.Ordinal);

            journal.Append(new TapJournalEntry { StartedAt = Fixtures.Start.AddDays(-60), FinishedAt = Fixtures.Start, Verdict = VerdictKind.Accepted, Error = ErrorCode.Ok, Mode = OperatingMode.Offline });
            Assert.Equal(DoctorStatus.Warn, (await check.RunAsync(CancellationToken.None)).Status);

            File.SetUnixFileMode(dir.File("keys.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            var perms = await check.RunAsync(CancellationToken.None);
            Assert.Equal(DoctorStatus.Fail, perms.Status);
            Assert.Equal($"chmod 600 {dir.File("keys.json")}", perms.Fix);
        }
    }

    [Fact]
    public async Task Trust_store_dates_and_test_anchors()
    {
        var time = new FakeTimeProvider(Fixtures.Start);
        var good = new TrustAnchorInfo("CA 0101", Fixtures.Start.AddYears(3), false);
        Assert.Equal(DoctorStatus.Ok, (await new TrustStoreCheck(new FakeAnchors(good), time, false).RunAsync(CancellationToken.None)).Status);
        Assert.Equal(DoctorStatus.Fail, (await new TrustStoreCheck(new FakeAnchors(), time, false).RunAsync(CancellationToken.None)).Status);
        var soon = new TrustAnchorInfo("JPKI root", Fixtures.Start.AddDays(30), false);
        Assert.Equal(DoctorStatus.Warn, (await new TrustStoreCheck(new FakeAnchors(good, soon), time, false).RunAsync(CancellationToken.None)).Status);
        var expired = new TrustAnchorInfo("old root", Fixtures.Start.AddDays(-1), false);
        Assert.Equal(DoctorStatus.Fail, (await new TrustStoreCheck(new FakeAnchors(good, expired), time, false).RunAsync(CancellationToken.None)).Status);
        var advisory = new TrustAnchorInfo("JPKI root", Fixtures.Start.AddDays(-1), false, Advisory: true);
        Assert.Equal(DoctorStatus.Warn, (await new TrustStoreCheck(new FakeAnchors(good, advisory), time, false).RunAsync(CancellationToken.None)).Status);
        var test = new TrustAnchorInfo("test CA", null, true);
        Assert.Equal(DoctorStatus.Fail, (await new TrustStoreCheck(new FakeAnchors(good, test), time, false).RunAsync(CancellationToken.None)).Status);
        Assert.Equal(DoctorStatus.Ok, (await new TrustStoreCheck(new FakeAnchors(good, test), time, true).RunAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public void The_built_in_store_is_listed_with_jpki_roots_advisory()
    {
        var anchors = new TrustStoreAnchorSource(ReaderKit.Trust.TrustStore.Production).Anchors();
        Assert.NotEmpty(anchors);
        Assert.All(anchors, a => Assert.False(a.IsTestAnchor));
        Assert.All(anchors.Where(a => a.NotAfter is not null), a => Assert.True(a.Advisory));
        Assert.Contains(anchors, a => a.NotAfter is null && !a.Advisory);
    }

    [Fact]
    public async Task Clock_sanity()
    {
        var now = new FakeTimeProvider(Fixtures.Start);
        Assert.Equal(DoctorStatus.Ok, (await new ClockSanityCheck(now, () => Fixtures.Start.AddHours(-1), () => true).RunAsync(CancellationToken.None)).Status);
        Assert.Equal(DoctorStatus.Warn, (await new ClockSanityCheck(now, () => null, () => false).RunAsync(CancellationToken.None)).Status);
        Assert.Equal(DoctorStatus.Fail, (await new ClockSanityCheck(now, () => Fixtures.Start.AddDays(1), () => true).RunAsync(CancellationToken.None)).Status);
        var epoch = new FakeTimeProvider(new DateTimeOffset(1970, 1, 1, 0, 0, 30, TimeSpan.Zero));
        Assert.Equal(DoctorStatus.Fail, (await new ClockSanityCheck(epoch, () => null, () => null).RunAsync(CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_hanging_or_throwing_check_is_a_fail_line_and_the_rest_still_run()
    {
        var ok = new ClockSanityCheck(new FakeTimeProvider(Fixtures.Start), () => null, () => true);
        var lines = await new Doctor([new HangingCheck(), new ThrowingCheck(), ok], TimeSpan.FromMilliseconds(200)).RunAsync(CancellationToken.None);
        Assert.Equal(["hangs", "throws", "clock"], lines.Select(l => l.Name));
        Assert.Equal([DoctorStatus.Fail, DoctorStatus.Fail, DoctorStatus.Ok], lines.Select(l => l.Status));
        Assert.Contains("bus error", lines[1].Detail, StringComparison.Ordinal);
        Assert.Equal(2, Doctor.ExitCode(lines));
        Assert.Equal(0, Doctor.ExitCode([lines[2]]));
        Assert.StartsWith("FAIL hangs: no answer within 0.2 s\n     fix: ", lines[0].ToString(), StringComparison.Ordinal);
    }
}
