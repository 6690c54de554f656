namespace ReaderKit.Sdk;

/// <summary>Why events may have been missed.</summary>
public enum GapReason
{
    /// <summary>The host's <c>seq</c> jumped: it dropped notifications for this connection (queue full).</summary>
    SequenceJump,

    /// <summary>The connection was lost and re-established; anything in between was missed.</summary>
    Reconnected,

    /// <summary>This reader of <c>ReadEventsAsync</c> fell behind and its local buffer overflowed.</summary>
    LocalOverflow,
}
