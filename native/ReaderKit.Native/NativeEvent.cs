using System.Globalization;
using ReaderKit.Protocol.Events;
using ReaderKit.Sdk;

namespace ReaderKit.Native;

/// <summary><c>readerkit_event</c>: one notification (or a gap signal) with its fields readable by key.</summary>
internal sealed class NativeEvent
{
    public NativeEvent(ReaderEvent value, bool borrowed)
    {
        Value = value;
        Borrowed = borrowed;
    }

    public ReaderEvent Value { get; }

    /// <summary>True for the event passed to a callback: the library frees it when the callback returns.</summary>
    public bool Borrowed { get; }

    /// <summary>The <c>RK_EVENT_*</c> number.</summary>
    public int Type => Value switch
    {
        CardPresentEvent => 1,
        CardRemovedEvent => 2,
        TapProgressEvent => 3,
        FacePromptEvent => 4,
        TapResultEvent => 5,
        ReaderModeEvent => 6,
        EventGapEvent => 7,
        _ => 0,
    };

    /// <summary>A field by key; null when this kind of event has no such field (or it is absent).</summary>
    /// <exception cref="ArgumentException">An unknown key.</exception>
    public string? Get(string key) => (key, Value) switch
    {
        ("name", _) => Value.Method,
        ("tapId", TapProgressEvent e) => e.TapId,
        ("tapId", FacePromptEvent e) => e.TapId,
        ("tapId", TapResultEvent e) => e.TapId,
        ("step", TapProgressEvent e) => e.Step,
        ("kind", FacePromptEvent e) => e.Kind,
        ("index", FacePromptEvent e) => e.Index.ToString(CultureInfo.InvariantCulture),
        ("count", FacePromptEvent e) => e.Count.ToString(CultureInfo.InvariantCulture),
        ("reader", CardPresentEvent e) => e.Reader,
        ("reader", CardRemovedEvent e) => e.Reader,
        ("mode", ReaderModeEvent e) => e.Mode,
        ("reason", ReaderModeEvent e) => e.Reason,
        ("reason", EventGapEvent e) => e.Reason switch
        {
            GapReason.SequenceJump => "sequenceJump",
            GapReason.Reconnected => "reconnected",
            _ => "localOverflow",
        },
        ("verdict", TapResultEvent e) => NativeResult.VerdictName(e.Result.Verdict),
        ("tapId" or "step" or "kind" or "index" or "count" or "reader" or "mode" or "reason" or "verdict", _) => null,
        _ => throw new ArgumentException("Unknown event key.", nameof(key)),
    };
}
