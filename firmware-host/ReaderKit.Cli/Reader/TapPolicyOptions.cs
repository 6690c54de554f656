using System.CommandLine;
using ReaderKit.Card.Credentials;
using ReaderKit.Tap;
using ReaderKit.Trust;

namespace ReaderKit.Cli.Reader;

/// <summary>
/// The options every tapping verb (<c>verify</c>, <c>phone</c>) shares for what it trusts, how long it waits and how many
/// tries it may spend: <c>--trust</c>, <c>--allow-test-anchors</c>, <c>--floor</c>, <c>--allow-last-try</c>,
/// <c>--card-wait</c>, <c>--deadline</c>. Each verb lists them among its own options in its own order (the help text's
/// order); <see cref="TapOptions"/> and <see cref="FloorOf"/> read and check them the same way for both.
/// </summary>
internal sealed class TapPolicyOptions(string trustDescription, string testAnchorsDescription, string waitedFor)
{
    public Option<FileInfo?> Trust { get; } = new("--trust") { Description = trustDescription };

    public Option<bool> AllowTestAnchors { get; } = new("--allow-test-anchors") { Description = testAnchorsDescription };

    public Option<int> Floor { get; } = new("--floor")
    {
        Description = "Refuse to VERIFY when this many tries or fewer remain (at least 1).",
        DefaultValueFactory = _ => RetryPolicy.Default.Floor,
    };

    public Option<bool> AllowLastTry { get; } = new("--allow-last-try") { Description = "Explicitly allow spending the last try (staffed counter only)." };

    public Option<double> CardWait { get; } = new("--card-wait")
    {
        Description = $"Seconds to wait for {waitedFor} in the field.",
        DefaultValueFactory = _ => 10,
    };

    public Option<double> Deadline { get; } = new("--deadline")
    {
        Description = "Seconds for the whole tap.",
        DefaultValueFactory = _ => 60,
    };

    /// <summary>The retry floor given (<c>--floor</c>).</summary>
    /// <exception cref="ArgumentException">Below 1: the last try is spent only with <c>--allow-last-try</c>.</exception>
    public int FloorOf(ParseResult parse) =>
        parse.GetValue(Floor) is var floor and >= 1
            ? floor
            : throw new ArgumentException("--floor must be at least 1 (the last try is spent only with --allow-last-try).");

    /// <summary>The tap's trust store, test-anchor switch, card wait and whole-tap deadline.</summary>
    /// <exception cref="ArgumentException">A wait or deadline outside (0, 3600] seconds.</exception>
    /// <exception cref="TrustStoreFormatException">The trust file is not a valid trust store (I/O and JSON errors as thrown by <see cref="TrustStore.Load"/>).</exception>
    public CardTapOptions TapOptions(ParseResult parse) => new()
    {
        Trust = new TrustOptions { TrustStore = TrustStore.Load(parse.GetValue(Trust)?.FullName), AllowTestAnchors = parse.GetValue(AllowTestAnchors) },
        CardWait = Seconds(parse.GetValue(CardWait), "--card-wait"),
        TapDeadline = Seconds(parse.GetValue(Deadline), "--deadline"),
    };

    private static TimeSpan Seconds(double value, string option) =>
        double.IsFinite(value) && value > 0 && value <= 3600 ? TimeSpan.FromSeconds(value) : throw new ArgumentException($"{option} must be between 0 and 3600 seconds.");
}
