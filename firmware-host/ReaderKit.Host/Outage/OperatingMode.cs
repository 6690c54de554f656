namespace ReaderKit.Host.Outage;

/// <summary>Whether the site's online eligibility system was believed reachable when something happened.</summary>
public enum OperatingMode
{
    /// <summary>No signal configured (no probe), or not yet decided: the host does not claim either.</summary>
    Unknown = 0,

    /// <summary>The configured probe target answers and mains power is present.</summary>
    Online = 1,

    /// <summary>The probe target does not answer, or the UPS reports a power failure.</summary>
    Offline = 2,
}
