namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>What stands in front of the <see cref="VirtualKioskCamera"/>. "Another person" is <see cref="LiveHead"/> with a different sample face than the card's.</summary>
public enum KioskPresentation
{
    /// <summary>A live head that follows the prompts: blinks, turns left/right with real parallax, sways slightly.</summary>
    LiveHead,

    /// <summary>A printed photo of the holder on a stand: it never moves (only sensor noise changes).</summary>
    PrintStill,

    /// <summary>A hand-held print waved gently (translation, in-plane and small out-of-plane rotation), ignoring the prompts.</summary>
    PrintWaved,

    /// <summary>A hand-held print the attacker tilts about its vertical axis to fake the requested turns.</summary>
    PrintTilted,

    /// <summary>A print bent around a vertical cylinder (a face-like curve), rotated to fake the requested turns.</summary>
    PrintBent,

    /// <summary>A tablet replaying a video of the holder (blinking and turning on its own schedule), held and rotated with the turn prompts.</summary>
    ScreenReplay,

    /// <summary>Nobody: background only.</summary>
    Empty,
}
