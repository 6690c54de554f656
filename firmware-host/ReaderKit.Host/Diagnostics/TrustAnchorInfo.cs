namespace ReaderKit.Host.Diagnostics;

/// <summary>One trust anchor as the doctor sees it.</summary>
/// <param name="Name">A description (e.g. the CA key id, or a JPKI root's subject).</param>
/// <param name="NotAfter">When it stops being valid, or null when the anchor has no date (a bare CA key).</param>
/// <param name="IsTestAnchor">True for the simulator's test keys (never acceptable in production).</param>
/// <param name="Advisory">True when checks against this anchor only warn and never decide a verdict (the JPKI chains), so its expiry is a WARN, not a FAIL.</param>
public sealed record TrustAnchorInfo(string Name, DateTimeOffset? NotAfter, bool IsTestAnchor, bool Advisory = false);
