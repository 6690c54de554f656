namespace ReaderKit.Tap;

/// <summary>
/// One timed span of a tap, relative to its start. Names are stable: <c>link.open</c>, <c>chip.init</c>, <c>card.wait</c>,
/// <c>card.&lt;CardInspectionStep&gt;</c> (e.g. <c>card.CardFaceRead</c>), <c>card.release</c>, <c>face.capture</c>,
/// <c>face.photo-wait</c>, <c>face.match</c>. Card and face spans overlap in time.
/// </summary>
/// <param name="Name">The span's name.</param>
/// <param name="Offset">Start, from the start of the tap.</param>
/// <param name="Duration">Length.</param>
public sealed record TapTiming(string Name, TimeSpan Offset, TimeSpan Duration)
{
    /// <summary>Offset + duration.</summary>
    public TimeSpan End => Offset + Duration;
}
