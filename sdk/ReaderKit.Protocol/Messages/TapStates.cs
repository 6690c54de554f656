namespace ReaderKit.Protocol.Messages;

/// <summary>The <c>state</c> of a tap in <c>tap.getResult</c>.</summary>
public static class TapStates
{
    public const string Running = "running";
    public const string Done = "done";
}
