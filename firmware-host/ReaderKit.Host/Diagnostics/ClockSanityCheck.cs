using System.Globalization;

namespace ReaderKit.Host.Diagnostics;

/// <summary>
/// <c>clock</c>: card expiry and certificate validity are judged against this clock, so it must be plausible. FAIL
/// when it is before <see cref="Floor"/> (a Pi without RTC that booted with no network starts in the past) or
/// earlier than the newest journal record (the clock went backwards); WARN when it is not NTP-synchronised.
/// </summary>
public sealed class ClockSanityCheck(TimeProvider time, Func<DateTimeOffset?> newestRecord, Func<bool?> ntpSynchronized) : IDoctorCheck
{
    /// <summary>No correct clock is earlier than this (the release floor of this ReaderKit version).</summary>
    public static readonly DateTimeOffset Floor = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Name => "clock";

    /// <summary>Reads systemd-timesyncd's marker (<c>/run/systemd/timesync/synchronized</c>); null when timesyncd is not in use.</summary>
    public static bool? SystemdTimesyncSynchronized() =>
        Directory.Exists("/run/systemd/timesync") ? File.Exists("/run/systemd/timesync/synchronized") : null;

    public Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        const string fix = "Set the time (timedatectl set-time, or connect once to NTP) and fit an RTC battery; card expiry checks depend on it.";
        if (now < Floor)
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail, string.Create(CultureInfo.InvariantCulture, $"the clock says {now:yyyy-MM-dd HH:mm}Z, before {Floor:yyyy-MM-dd}"), fix));
        }

        if (newestRecord() is { } newest && now < newest - TimeSpan.FromMinutes(5))
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail,
                string.Create(CultureInfo.InvariantCulture, $"the clock ({now:yyyy-MM-dd HH:mm}Z) is behind the newest journal record ({newest:yyyy-MM-dd HH:mm}Z)"), fix));
        }

        return ntpSynchronized() switch
        {
            false => Task.FromResult(new DoctorLine(Name, DoctorStatus.Warn, string.Create(CultureInfo.InvariantCulture, $"{now:yyyy-MM-dd HH:mm}Z, not NTP-synchronised"), "Expected during an outage; check again once the network is back.")),
            true => Task.FromResult(new DoctorLine(Name, DoctorStatus.Ok, string.Create(CultureInfo.InvariantCulture, $"{now:yyyy-MM-dd HH:mm}Z, NTP-synchronised"))),
            null => Task.FromResult(new DoctorLine(Name, DoctorStatus.Ok, string.Create(CultureInfo.InvariantCulture, $"{now:yyyy-MM-dd HH:mm}Z (synchronisation state not available)"))),
        };
    }
}
