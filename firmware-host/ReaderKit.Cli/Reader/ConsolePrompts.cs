using ReaderKit.Tap;

namespace ReaderKit.Cli.Reader;

/// <summary>Prints the tap's prompts for the holder on standard error (standard output carries the report).</summary>
internal sealed class ConsolePrompts(TextWriter error) : ITapPromptSink
{
    public void Show(TapPrompt prompt)
    {
        var text = prompt switch
        {
            TapPrompt.PlaceCard => "place the card on the reader",
            TapPrompt.KeepCardStill => "keep the card still",
            TapPrompt.LookAtCamera => "look at the camera",
            TapPrompt.Blink => "blink once",
            TapPrompt.TurnHeadLeft => "turn your head to the left",
            TapPrompt.TurnHeadRight => "turn your head to the right",
            TapPrompt.HoldStill => "hold still",
            _ => "take your card",
        };
        lock (error)
        {
            error.WriteLine("prompt: " + text);
        }
    }
}
