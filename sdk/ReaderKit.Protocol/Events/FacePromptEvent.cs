namespace ReaderKit.Protocol.Events;

/// <summary>
/// <c>face.prompt</c> <c>{tapId, kind, index, count, seq, tsMs}</c>: prompt <paramref name="Index"/> (0-based) of
/// <paramref name="Count"/> asks the holder to <paramref name="Kind"/> (<c>FacePromptKinds</c>).
/// </summary>
public sealed record FacePromptEvent(string TapId, string Kind, int Index, int Count) : ReaderEvent
{
    /// <inheritdoc/>
    public override string Method => RpcNotifications.FacePrompt;
}
