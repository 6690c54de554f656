using ReaderKit.Face.Detection;
using ReaderKit.Face.Imaging;

namespace ReaderKit.Face.Liveness;

/// <summary>
/// A presentation-attack check over a sequence of frames. This is also the hook for hardware: an IR camera (screens emit no
/// near-infrared, prints reflect it differently) or a depth sensor (a photo is flat) implements this interface, captures
/// its own data for the face boxes it is given, and joins <see cref="PresentationAttackScreening"/>.
/// </summary>
public interface IPresentationAttackDetector
{
    /// <summary>Stable check name for logs and reports.</summary>
    string Name { get; }

    /// <summary>Evaluates the frames (oldest first).</summary>
    ValueTask<PadCheckResult> EvaluateAsync(IReadOnlyList<PadFrame> frames, CancellationToken cancellationToken);
}
