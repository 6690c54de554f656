using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCamera;

/// <summary>
/// Which sample face belongs to which persona: the distinct data identities of <see cref="PersonaCatalog.All"/>, in
/// catalogue order, take the sample faces in order. A clone shares its genuine card's data identity, so it shows the
/// same face (the chip photo is part of the validly signed data it replays).
/// </summary>
public static class PersonaFaces
{
    private static readonly Lazy<IReadOnlyDictionary<string, SampleFace>> Map = new(() =>
    {
        var identities = PersonaCatalog.All.Select(p => p.DataIdentity).Distinct(StringComparer.Ordinal).ToList();
        return identities
            .Select((id, i) => (id, face: SampleFaces.All[i % SampleFaces.All.Count]))
            .ToDictionary(x => x.id, x => x.face, StringComparer.Ordinal);
    });

    /// <summary>The sample face shown on <paramref name="persona"/>'s card and in front of its camera.</summary>
    public static SampleFace For(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return Map.Value.TryGetValue(persona.DataIdentity, out var face)
            ? face
            : SampleFaces.All[(int)(StableHash(persona.DataIdentity) % (uint)SampleFaces.All.Count)];
    }

    // FNV-1a: string.GetHashCode is randomised per process, and a persona's face must not change between runs.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
