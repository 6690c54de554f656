namespace ReaderKit.Face.Models;

/// <summary>One npm file the build reads, with its pinned SHA-256 (face.md §1.1; facemesh pinned from the 3.3.6 tarball).</summary>
public sealed record PinnedInput(string RelativePath, string Sha256)
{
    /// <summary>
    /// When set, the file is the entry <see cref="RelativePath"/> of this npm tarball (as <c>npm pack NAME@VERSION</c> writes it)
    /// in the <c>packs</c> folder next to node_modules, instead of a file under node_modules — for packages whose install
    /// would pull in unrelated dependencies.
    /// </summary>
    public string? Archive { get; init; }

    /// <summary>Name in models.json: the node_modules path, or <c>archive/entry</c>.</summary>
    public string Key => Archive is null ? RelativePath : Archive + "/" + RelativePath;
}
