using ReaderKit.Contracts;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Reader;

/// <summary>One reader notification, numbered so a subscriber can detect gaps. Never carries personal data or secrets.</summary>
public sealed record ReaderEvent
{
    /// <summary>1, 2, 3 … per host run.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset At { get; init; }

    public required ReaderEventKind Kind { get; init; }

    public required ReaderState State { get; init; }

    public ProgressStep? Step { get; init; }

    public PromptKind? Prompt { get; init; }

    /// <summary>For a face-challenge prompt: its position (0-based) and the challenge's length, when the tap library says.</summary>
    public int? PromptIndex { get; init; }

    public int? PromptCount { get; init; }

    public JournalRecordId? RecordId { get; init; }

    public VerdictKind? Verdict { get; init; }

    public ErrorCode? Error { get; init; }

    public OperatingMode? Mode { get; init; }
}
