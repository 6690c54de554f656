using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Quality;

namespace ReaderKit.Face.Matching;

/// <summary>How the live frame is fed to the embedder, given that the chip photo is greyscale.</summary>
public enum LiveColourMode
{
    /// <summary>Convert the live frame to grey before embedding (grey vs grey).</summary>
    Greyscale,

    /// <summary>Embed the live frame in colour (colour vs grey).</summary>
    Colour,
}
