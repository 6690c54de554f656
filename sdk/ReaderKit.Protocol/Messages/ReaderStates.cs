namespace ReaderKit.Protocol.Messages;

/// <summary>The reader state names in <c>reader.getStatus</c> (strings on the wire; new states may be added).</summary>
public static class ReaderStates
{
    public const string Idle = "idle";
    public const string CardPresent = "cardPresent";
    public const string WaitingForNumberB = "waitingForNumberB";
    public const string Reading = "reading";
    public const string Verifying = "verifying";
    public const string Face = "face";
    public const string Result = "result";
    public const string WaitingForRemoval = "waitingForRemoval";
    public const string Unavailable = "unavailable";
}
