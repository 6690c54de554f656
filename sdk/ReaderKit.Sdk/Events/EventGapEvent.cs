using ReaderKit.Protocol.Events;

namespace ReaderKit.Sdk;

/// <summary>
/// Not a wire notification: the SDK's signal that events may have been missed. Re-read
/// <c>GetStatusAsync</c> (and <c>GetTapResultAsync</c> for a running tap) — "state + deltas".
/// </summary>
/// <param name="Reason">Why.</param>
/// <param name="ExpectedSeq">The <c>seq</c> that should have come next (0 when unknown).</param>
/// <param name="ReceivedSeq">The <c>seq</c> that came (0 after a reconnect).</param>
public sealed record EventGapEvent(GapReason Reason, long ExpectedSeq, long ReceivedSeq) : ReaderEvent
{
    /// <summary>The pseudo-name <c>$/gap</c>.</summary>
    public override string Method => "$/gap";
}
