namespace ReaderKit.Protocol.Messages;

/// <summary>The <c>state</c> of a tap in <c>tap.getResult</c>.</summary>
public static class TapStates
{
    /// <summary>The tap has not ended yet.</summary>
    public const string Running = "running";
    /// <summary>The tap ended; the result is present.</summary>
    public const string Done = "done";
}
