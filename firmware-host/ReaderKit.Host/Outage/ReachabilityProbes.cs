using ReaderKit.Host.Configuration;

namespace ReaderKit.Host.Outage;

/// <summary>Builds the configured <see cref="IReachabilityProbe"/>; null for <c>none</c>. There is no default target.</summary>
public static class ReachabilityProbes
{
    /// <summary>The probe for <paramref name="options"/> (already validated), or null when none is configured.</summary>
    public static IReachabilityProbe? Create(OutageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ProbeKind switch
        {
            "tcp" when TcpProbeTarget.TryParse(options.ProbeAddress, out var target) => new TcpReachabilityProbe(target, options.ProbeTimeout),
            "https-head" => new HttpsHeadReachabilityProbe(new Uri(options.ProbeAddress!), options.ProbeTimeout),
            "none" => null,
            _ => throw new InvalidOperationException($"Outage:ProbeKind '{options.ProbeKind}' with address '{options.ProbeAddress}' is not valid."),
        };
    }
}
