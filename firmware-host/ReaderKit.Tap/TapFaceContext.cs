using ReaderKit.Face.Camera;

namespace ReaderKit.Tap;

/// <summary>Everything one face check gets from the tap.</summary>
/// <param name="Camera">The camera, opened for this tap but not started (the tap disposes it).</param>
/// <param name="Prompts">Where to send prompts for the holder.</param>
/// <param name="VerifiedChipPhoto">
/// Completes with the chip photo (JPEG 2000) once the card face's signatures checked out, or with null when they did not
/// (then the check must not match against anything). Capture and liveness must not wait for it; only the match does.
/// </param>
/// <param name="Clock">The tap's clock.</param>
/// <param name="TapStart">The tap's start timestamp on <paramref name="Clock"/> (timings are relative to it).</param>
/// <param name="Captured">Call once when the live frames are captured and screened (raises <see cref="TapStep.FaceCaptured"/>).</param>
public sealed record TapFaceContext(
    IFrameSource Camera,
    ITapPromptSink Prompts,
    Task<byte[]?> VerifiedChipPhoto,
    TimeProvider Clock,
    long TapStart,
    Action Captured)
{
    /// <summary>
    /// True when the caller asked for the best live frame (<see cref="TapPersonalFields.LiveFrame"/>): the check then
    /// returns it in <see cref="TapFaceResult.BestFrame"/>; otherwise it keeps no frame.
    /// </summary>
    public bool KeepBestFrame { get; init; }
}
