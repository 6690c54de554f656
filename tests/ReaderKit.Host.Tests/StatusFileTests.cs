using ReaderKit.Host.Status;

namespace ReaderKit.Host.Tests;

public sealed class StatusFileTests
{
    [Fact]
    public void Status_round_trips_and_goes_stale()
    {
        using var dir = new TempDir();
        var status = new HostStatus
        {
            DeviceId = "reader-1",
            ProcessId = 42,
            StartedAt = Fixtures.Start,
            UpdatedAt = Fixtures.Start.AddSeconds(30),
            ReaderState = "idle",
            Mode = "offline",
            ModeReason = "power-fail",
            PowerFailed = true,
            Indicator = "amber",
            Simulation = true,
            JournalRecords = 7,
            LastRecordId = "01JH-3K5M-8Q2R-7XZW",
            LastVerdict = "accepted",
            LastRecordAt = Fixtures.Start.AddSeconds(10),
            Watchdog = true,
            Faults = ["journal: disk full"],
        };
        var path = dir.File("run/status.json");
        HostStatusFile.Write(path, status);
        var back = HostStatusFile.Read(path)!;
        Assert.Equal(status with { Faults = [] }, back with { Faults = [] });
        Assert.Equal(status.Faults, back.Faults);
        Assert.False(HostStatusFile.IsStale(back, Fixtures.Start.AddSeconds(40)));
        Assert.True(HostStatusFile.IsStale(back, Fixtures.Start.AddSeconds(60)));
        Assert.Null(HostStatusFile.Read(dir.File("missing.json")));
        File.WriteAllText(dir.File("bad.json"), "{}");
        Assert.Throws<FormatException>(() => HostStatusFile.Read(dir.File("bad.json")));
    }
}
