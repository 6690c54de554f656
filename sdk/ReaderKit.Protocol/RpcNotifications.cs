namespace ReaderKit.Protocol;

/// <summary>
/// The server-to-client notification names of ReaderKit RPC v1 (also the topic names for <c>events.subscribe</c>).
/// Every notification's map carries <c>seq</c> (per connection, starting at 1, +1 per notification the server
/// meant to send) and <c>tsMs</c>.
/// </summary>
public static class RpcNotifications
{
    /// <summary>A card came into the reader's field.</summary>
    public const string CardPresent = "card.present";

    /// <summary>The card left the field.</summary>
    public const string CardRemoved = "card.removed";

    /// <summary>A tap reached a step.</summary>
    public const string TapProgress = "tap.progress";

    /// <summary>The face challenge asks the holder to do something (blink, turn) — show it.</summary>
    public const string FacePrompt = "face.prompt";

    /// <summary>A tap finished (any verdict).</summary>
    public const string TapResult = "tap.result";

    /// <summary>The site went online or offline.</summary>
    public const string ReaderMode = "reader.mode";

    /// <summary>Every notification name, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } = [CardPresent, CardRemoved, TapProgress, FacePrompt, TapResult, ReaderMode];

    /// <summary>
    /// True when <paramref name="topic"/> selects <paramref name="notification"/>: an exact name, a family wildcard
    /// such as <c>card.*</c>, or <c>*</c> for everything.
    /// </summary>
    public static bool Matches(string topic, string notification)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(notification);
        if (topic == "*" || string.Equals(topic, notification, StringComparison.Ordinal))
        {
            return true;
        }

        return topic.EndsWith(".*", StringComparison.Ordinal)
            && notification.Length > topic.Length - 1
            && notification.StartsWith(topic.AsSpan(0, topic.Length - 1), StringComparison.Ordinal);
    }

    /// <summary>True when <paramref name="topic"/> is a valid topic: <c>*</c>, a known notification, or a known family with <c>.*</c>.</summary>
    public static bool IsValidTopic(string topic) =>
        topic is not null && (topic == "*" || All.Any(n => Matches(topic, n)));
}
