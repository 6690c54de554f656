namespace ReaderKit.Face.Verification;

/// <summary>
/// Shows a challenge prompt to the person at the reader: the kiosk UI implements it (text, arrow, voice), the CLI prints it.
/// <see cref="FaceVerifier"/> awaits it before capturing the frames of that step, so an implementation should return once the
/// prompt is visible; it must not block for long (the step deadline of <see cref="FaceVerifierOptions.StepTimeout"/> includes it).
/// </summary>
public interface IChallengePrompter
{
    /// <summary>Shows <paramref name="prompt"/>.</summary>
    ValueTask ShowAsync(ChallengePrompt prompt, CancellationToken cancellationToken);
}
