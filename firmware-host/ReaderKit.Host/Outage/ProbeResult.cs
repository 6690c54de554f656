namespace ReaderKit.Host.Outage;

/// <summary>One probe's outcome.</summary>
/// <param name="Reachable">True when the target answered.</param>
/// <param name="Detail">A short reason (e.g. <c>connected in 12 ms</c>, <c>timed out after 5 s</c>, <c>connection refused</c>).</param>
public sealed record ProbeResult(bool Reachable, string Detail);
