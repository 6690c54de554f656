using System.Security.Cryptography;
using ReaderKit.Jpeg2000;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard.Personas;
using SkiaSharp;

namespace ReaderKit.EndToEnd.Tests;

public class VirtualCameraTests
{
    private static readonly ChipPhotoFactory Photos = new();

    [Fact]
    public void Chip_photo_is_a_greyscale_jp2_portrait_of_the_personas_size()
    {
        var persona = PersonaCatalog.Default;
        var jp2 = Photos.GetPhoto(persona);
        Assert.True(jp2.AsSpan(0, 12).SequenceEqual(new byte[] { 0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A }), "JP2 signature box");
        Assert.InRange(jp2.Length, persona.PhotoSizeHint * 0.7, persona.PhotoSizeHint * 1.05);
        var decoded = Jp2Codec.Decode(jp2);
        Assert.Equal(1, decoded.Components);
        Assert.Equal((ChipPhotoFactory.PhotoWidth, ChipPhotoFactory.PhotoHeight), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Clone_carries_the_genuine_cards_photo_and_people_differ()
    {
        var clone = PersonaCatalog.Get("clone");
        var genuine = PersonaCatalog.Get(clone.DataIdentity);
        Assert.Equal(Photos.GetPhoto(genuine), Photos.GetPhoto(clone));
        Assert.NotEqual(PersonaFaces.For(PersonaCatalog.Get("sato-hanako")), PersonaFaces.For(genuine));
        var distinctFaces = PersonaCatalog.All.Select(p => p.DataIdentity).Distinct(StringComparer.Ordinal).Select(id => PersonaFaces.For(PersonaCatalog.Get(id))).Distinct().Count();
        Assert.Equal(Math.Min(SampleFaces.All.Count, PersonaCatalog.All.Select(p => p.DataIdentity).Distinct(StringComparer.Ordinal).Count()), distinctFaces);
    }

    [Fact]
    public void Live_frames_move_and_a_held_photo_does_not()
    {
        var persona = PersonaCatalog.Default;
        var live = LiveCamera.Frames(persona, 4, LivePresentation.Live, seed: 7);
        var still = LiveCamera.Frames(persona, 4, LivePresentation.StaticPhoto, seed: 7);
        Assert.Equal(4, live.Select(f => Convert.ToHexString(SHA256.HashData(f))).Distinct(StringComparer.Ordinal).Count());
        Assert.Single(still.Select(f => Convert.ToHexString(SHA256.HashData(f))).Distinct(StringComparer.Ordinal));
        using var frame = SKBitmap.Decode(live[0]);
        Assert.Equal((LiveCamera.FrameWidth, LiveCamera.FrameHeight), (frame.Width, frame.Height));
        Assert.Equal(LiveCamera.Frames(persona, 2, seed: 7)[1], live[1]);
    }

    [Fact]
    public void Missing_sample_folder_is_a_clear_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "readerkit-no-such-folder");
        var e = Assert.Throws<FileNotFoundException>(() => new ChipPhotoFactory(missing).GetPhoto(PersonaCatalog.Default));
        Assert.Contains("sample", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
