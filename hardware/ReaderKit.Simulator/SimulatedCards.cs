using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Simulator;

/// <summary>
/// The simulator's one way to make a persona's card: the default test PKI and a chip photo made from the persona's
/// npm sample face (greyscale JPEG 2000), so every verb serves the same card bytes.
/// </summary>
internal static class SimulatedCards
{
    private static readonly ChipPhotoFactory Photos = new();

    public static VirtualMyNumberCard Create(string? personaName)
    {
        var persona = string.IsNullOrEmpty(personaName) ? PersonaCatalog.Default : PersonaCatalog.Get(personaName);
        return VirtualMyNumberCard.Create(persona, Photos);
    }
}
