namespace ReaderKit.Host.Reader;

/// <summary>The reader loop's states, in the order one tap passes through them.</summary>
public enum ReaderState
{
    /// <summary>No card; polling the field (a caller may already have submitted 照合番号B).</summary>
    Idle,

    /// <summary>A card answered in the field.</summary>
    CardPresent,

    /// <summary>A card is present and the reader waits for 照合番号B (from the SDK caller or the kiosk keypad).</summary>
    WaitingForNumberB,

    /// <summary>Retry-safe VERIFY and card-face read.</summary>
    Reading,

    /// <summary>Signatures and the chip challenge.</summary>
    Verifying,

    /// <summary>Face prompts, capture and match.</summary>
    Face,

    /// <summary>Staff-assisted path: the verified chip photo is shown to staff, waiting for their decision.</summary>
    AwaitingStaff,

    /// <summary>The verdict is decided and journaled.</summary>
    Result,

    /// <summary>Waiting for the card to leave the field before the next tap.</summary>
    WaitingForRemoval,

    /// <summary>The loop has stopped (shutdown).</summary>
    Stopped,
}
