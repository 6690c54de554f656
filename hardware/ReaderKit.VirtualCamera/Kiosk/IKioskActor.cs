using ReaderKit.Face.Verification;

namespace ReaderKit.VirtualCamera.Kiosk;

/// <summary>Something in front of the virtual camera: it sees the prompts (or ignores them) and yields its surfaces frame by frame.</summary>
internal interface IKioskActor : IDisposable
{
    void Prompt(ChallengePrompt prompt, int frame);

    IReadOnlyList<Surface> Render(int frame);
}
