using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCard.Images;

/// <summary>
/// Supplies the chip photo (EF 0002 DF27): a greyscale JPEG 2000 file in a JP2 container. Key photos by
/// <see cref="Persona.DataIdentity"/> so a clone carries the genuine card's photo.
/// </summary>
public interface IChipPhotoSource
{
    /// <summary>The JP2 bytes for a persona's card.</summary>
    byte[] GetPhoto(Persona persona);
}

/// <summary>A photo source backed by a delegate or fixed bytes (tests, the lead's npm-sample wiring).</summary>
public sealed class DelegateChipPhotoSource : IChipPhotoSource
{
    private readonly Func<Persona, byte[]> photo;

    /// <summary>Uses the delegate for every persona.</summary>
    public DelegateChipPhotoSource(Func<Persona, byte[]> photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        this.photo = photo;
    }

    /// <summary>The same bytes for every persona.</summary>
    public static DelegateChipPhotoSource Fixed(byte[] jp2)
    {
        ArgumentNullException.ThrowIfNull(jp2);
        return new DelegateChipPhotoSource(_ => jp2);
    }

    /// <inheritdoc/>
    public byte[] GetPhoto(Persona persona) => photo(persona);
}

/// <summary>
/// Reads <c>&lt;DataIdentity&gt;.jp2</c> from a directory, falling back to <c>default.jp2</c> there. For integrators who
/// generate real JPEG 2000 photos (e.g. with opj_compress) and for the simulator's <c>--photos</c> option.
/// </summary>
public sealed class DirectoryChipPhotoSource : IChipPhotoSource
{
    private readonly string directory;

    /// <summary>Reads photos from <paramref name="directory"/>.</summary>
    public DirectoryChipPhotoSource(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        this.directory = directory;
    }

    /// <inheritdoc/>
    public byte[] GetPhoto(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        var specific = Path.Combine(directory, persona.DataIdentity + ".jp2");
        var path = File.Exists(specific) ? specific : Path.Combine(directory, "default.jp2");
        return File.ReadAllBytes(path);
    }
}
