using ReaderKit.Face.Models;
using ReaderKit.Face.Verification;

namespace ReaderKit.Face.Verification.Tests;

/// <summary>The verifier refuses models that are missing or differ from models.json (copies in a temporary folder; large files linked).</summary>
public sealed class ModelIntegrityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("readerkit-models-").FullName;
    private readonly string _source = FaceModelFiles.Locate().Directory;

    private void Populate(string? copied = null)
    {
        foreach (var file in Directory.GetFiles(_source).Select(Path.GetFileName))
        {
            var target = Path.Combine(_dir, file!);
            if (file == copied || file == FaceModelManifest.FileName)
            {
                File.Copy(Path.Combine(_source, file!), target);
            }
            else
            {
                File.CreateSymbolicLink(target, Path.GetFullPath(Path.Combine(_source, file!)));
            }
        }
    }

    [Fact]
    public void A_tampered_model_is_refused_at_load()
    {
        Populate(copied: FaceModelFiles.FaceMeshFileName);
        var path = Path.Combine(_dir, FaceModelFiles.FaceMeshFileName);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01; // one bit in the weights: still a loadable ONNX file
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<FaceModelInvalidException>(() => new FaceVerifier(new FaceVerifierOptions(), _dir));
        Assert.Contains(FaceModelFiles.FaceMeshFileName, e.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_untouched_copy_loads()
    {
        Populate(copied: FaceModelFiles.FaceMeshFileName);
        using var verifier = new FaceVerifier(new FaceVerifierOptions(), _dir);
        Assert.Contains(FaceModelFiles.FaceMeshFileName, verifier.RequiredModelFiles);
        Assert.Contains(FaceModelFiles.DetectorFileName, verifier.RequiredModelFiles);
    }

    [Fact]
    public void A_missing_model_fails_closed()
    {
        Populate();
        File.Delete(Path.Combine(_dir, FaceModelFiles.FaceMeshFileName));
        Assert.Throws<FaceModelsMissingException>(() => new FaceVerifier(new FaceVerifierOptions(), _dir));
    }

    [Fact]
    public void A_missing_manifest_fails_closed()
    {
        Populate();
        File.Delete(Path.Combine(_dir, FaceModelManifest.FileName));
        Assert.Throws<FaceModelsMissingException>(() => new FaceVerifier(new FaceVerifierOptions(), _dir));
    }

    [Fact]
    public void A_model_the_manifest_does_not_list_is_refused()
    {
        Populate();
        var manifest = Path.Combine(_dir, FaceModelManifest.FileName);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"facemesh.onnx\"", "\"other.onnx\"", StringComparison.Ordinal));
        Assert.Throws<FaceModelInvalidException>(() => new FaceVerifier(new FaceVerifierOptions(), _dir));
    }

    [Fact]
    public void A_missing_folder_fails_closed() =>
        Assert.Throws<FaceModelsMissingException>(() => new FaceVerifier(new FaceVerifierOptions(), Path.Combine(_dir, "absent")));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
