namespace ReaderKit.Host.Messages;

/// <summary>What the reader asks the holder (or staff) to do; each has a Japanese and an English text in the catalogue.</summary>
public enum PromptKind
{
    PlaceCard,
    EnterNumberB,
    KeepCardStill,
    LookAtCamera,
    Blink,
    TurnHeadLeft,
    TurnHeadRight,
    HoldStill,
    RemoveMaskOrGlasses,
    StaffCheckRequired,
    RemoveCard,
    TapAgain,
}
