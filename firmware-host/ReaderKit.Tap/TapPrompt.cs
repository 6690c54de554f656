namespace ReaderKit.Tap;

/// <summary>What the holder is asked to do during a tap; the kiosk UI (or the CLI) shows it.</summary>
public enum TapPrompt
{
    /// <summary>Place the card on the reader.</summary>
    PlaceCard,

    /// <summary>Keep the card still on the reader while it is read.</summary>
    KeepCardStill,

    /// <summary>Look at the camera.</summary>
    LookAtCamera,

    /// <summary>Blink once.</summary>
    Blink,

    /// <summary>Turn the head to the left.</summary>
    TurnHeadLeft,

    /// <summary>Turn the head to the right.</summary>
    TurnHeadRight,

    /// <summary>Hold still, looking at the camera.</summary>
    HoldStill,

    /// <summary>The tap is over: take the card.</summary>
    RemoveCard,
}
