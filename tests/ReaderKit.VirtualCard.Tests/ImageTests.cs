using ReaderKit.Jpeg2000;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.VirtualCard.Tests;

public sealed class ImageTests
{
    [Fact]
    public void Png_images_are_1_bit_greyscale_with_the_surveyed_sizes()
    {
        static (int W, int H, byte Depth, byte Colour) Header(byte[] png) =>
            ((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23], png[24], png[25]);

        Assert.Equal((24, 12, (byte)1, (byte)0), Header(CardFaceImages.SecurityCode("2285")));
        Assert.Equal((72, 12, (byte)1, (byte)0), Header(CardFaceImages.MyNumber("123456789012")));
        var name = CardFaceImages.Name("山田\u3000太郎");
        Assert.Equal((byte)1, Header(name).Depth);
        Assert.NotEqual(CardFaceImages.Name("山田\u3000太郎"), CardFaceImages.Name("山田\u3000次郎"));
        Assert.Equal(name, CardFaceImages.Name("山田\u3000太郎"));
        Assert.Equal("49454E44AE426082", Hex.Of(name.AsSpan(name.Length - 8)));
    }

    [Fact]
    public void Synthetic_portrait_is_valid_greyscale_jpeg2000_of_realistic_size()
    {
        var persona = PersonaCatalog.Get("sato-hanako");
        var jp2 = new SyntheticPortraitPhotoSource().GetPhoto(persona);
        Assert.InRange(jp2.Length, 2_000, persona.PhotoSizeHint);
        Assert.Equal("0000000C6A5020200D0A870A", Hex.Of(jp2.AsSpan(0, 12)));
        var decoded = Jp2Codec.Decode(jp2);
        Assert.Equal(SyntheticPortraitPhotoSource.Width, decoded.Width);
        Assert.Equal(SyntheticPortraitPhotoSource.Height, decoded.Height);
        Assert.Equal(1, decoded.Components);
    }

    [Fact]
    public void Directory_photo_source_prefers_the_persona_file()
    {
        var dir = Directory.CreateTempSubdirectory("vcard-photos");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, "default.jp2"), [1, 2, 3]);
            File.WriteAllBytes(Path.Combine(dir.FullName, "yamada-taro.jp2"), [4, 5]);
            var source = new DirectoryChipPhotoSource(dir.FullName);
            Assert.Equal(new byte[] { 4, 5 }, source.GetPhoto(PersonaCatalog.Get("clone"))); // a clone replays the genuine photo
            Assert.Equal(new byte[] { 1, 2, 3 }, source.GetPhoto(PersonaCatalog.Get("sato-hanako")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
