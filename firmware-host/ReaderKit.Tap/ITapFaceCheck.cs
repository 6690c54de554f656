namespace ReaderKit.Tap;

/// <summary>
/// The face step of a tap: capture live frames, screen them for presentation attacks and match the one tracked face
/// against the verified chip photo. The tap starts it together with the card read, so capture and liveness overlap
/// the card; only the match waits for <see cref="TapFaceContext.VerifiedChipPhoto"/>.
/// </summary>
public interface ITapFaceCheck
{
    /// <summary>Runs the check.</summary>
    /// <exception cref="Face.Camera.CameraUnavailableException">The camera failed or stayed silent.</exception>
    /// <exception cref="Face.Models.FaceModelsMissingException">The face models are missing.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    Task<TapFaceResult> CheckAsync(TapFaceContext context, CancellationToken cancellationToken);
}
