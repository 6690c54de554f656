namespace ReaderKit.Host.Outage;

/// <summary>One change of <see cref="OperatingMode"/>, as journaled and announced.</summary>
/// <param name="From">The mode before.</param>
/// <param name="To">The mode after.</param>
/// <param name="Reason">Why, in stable words: <c>power-fail</c>, <c>power-restored</c>, <c>probe-unreachable</c>, <c>probe-reachable</c>.</param>
/// <param name="At">When the deciding observation was made.</param>
public sealed record ModeChange(OperatingMode From, OperatingMode To, string Reason, DateTimeOffset At);
