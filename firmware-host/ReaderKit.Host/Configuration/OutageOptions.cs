namespace ReaderKit.Host.Configuration;

/// <summary>
/// The <c>Outage</c> section: how the host decides whether the site is online. There is no default probe target:
/// with <see cref="ProbeKind"/> <c>none</c> and no power-fail pin, the mode is <c>unknown</c>.
/// </summary>
public sealed class OutageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Outage";

    /// <summary>The probe kinds.</summary>
    public static readonly IReadOnlyList<string> ProbeKinds = ["none", "tcp", "https-head"];

    /// <summary><c>none</c>, <c>tcp</c> (connect to <see cref="ProbeAddress"/> as <c>host:port</c>) or <c>https-head</c> (HEAD of an <c>https://</c> URL).</summary>
    public string ProbeKind { get; set; } = "none";

    /// <summary>The probe target; required when <see cref="ProbeKind"/> is not <c>none</c>, never defaulted.</summary>
    public string? ProbeAddress { get; set; }

    /// <summary>How often the probe runs (1 s – 1 h).</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One probe's deadline (100 ms – 1 min, and shorter than the interval).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failed probes before the mode turns offline (1 – 100).</summary>
    public int FailuresToOffline { get; set; } = 2;

    /// <summary>Consecutive good probes before the mode turns online again (1 – 100).</summary>
    public int SuccessesToOnline { get; set; } = 2;

    /// <summary>The GPIO line (logical numbering) of the UPS power-fail output, or null when there is none.</summary>
    public int? PowerFailPin { get; set; }

    /// <summary>True when the UPS pulls the line low on power failure (the common open-collector wiring).</summary>
    public bool PowerFailActiveLow { get; set; } = true;

    /// <summary>How long the power-fail level must hold before it counts (0 – 10 s).</summary>
    public TimeSpan PowerFailDebounce { get; set; } = TimeSpan.FromMilliseconds(500);
}
