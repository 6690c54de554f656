namespace ReaderKit.Protocol.Messages;

/// <summary>The reader state names in <c>reader.getStatus</c> (strings on the wire; new states may be added).</summary>
public static class ReaderStates
{
    /// <summary>No card, nothing running.</summary>
    public const string Idle = "idle";
    /// <summary>A card is in the field, no tap yet.</summary>
    public const string CardPresent = "cardPresent";
    /// <summary>A card is in the field and the reader waits for 照合番号B.</summary>
    public const string WaitingForNumberB = "waitingForNumberB";
    /// <summary>Reading the card.</summary>
    public const string Reading = "reading";
    /// <summary>Checking signatures and the chip challenge.</summary>
    public const string Verifying = "verifying";
    /// <summary>Capturing and matching the face.</summary>
    public const string Face = "face";
    /// <summary>Showing the result.</summary>
    public const string Result = "result";
    /// <summary>Waiting for the card to be taken away.</summary>
    public const string WaitingForRemoval = "waitingForRemoval";
    /// <summary>The reader cannot take taps (fault or not wired).</summary>
    public const string Unavailable = "unavailable";
}
