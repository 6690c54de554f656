namespace ReaderKit.Tap;

/// <summary>
/// Where the tap sends prompts for the holder (the kiosk UI, the CLI's stderr). Called from the tap's own tasks, possibly
/// concurrently with progress events; implementations must be quick and must not throw.
/// </summary>
public interface ITapPromptSink
{
    /// <summary>Shows <paramref name="prompt"/> now.</summary>
    void Show(TapPrompt prompt);
}
