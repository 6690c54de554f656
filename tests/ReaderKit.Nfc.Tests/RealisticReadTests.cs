using System.Security.Cryptography;
using System.Text;
using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Files;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Nfc.Tests;

/// <summary>Paced links (real byte rates, RF and card time) and the virtual My Number Card's surface AP.</summary>
public class RealisticReadTests
{
    private static readonly byte[] SurfaceAid = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];

    [Theory]
    [InlineData(LinkKind.I2c)]
    [InlineData(LinkKind.Spi)]
    [InlineData(LinkKind.Hsu)]
    public async Task Paced_link_reads_a_file_at_the_real_byte_rate(LinkKind kind)
    {
        // HSU: a pseudo-terminal at 115200 baud with pacing on (the stock driver's failure mode B6).
        await using var reader = EmulatedReader.Create(kind, EmulatedReader.Paced(kind));
        var files = EmulatedReader.Files(3000);
        reader.Emulator.Field.Insert(new TransparentFileCard(files));
        await reader.Chip.InitializeAsync();
        var (_, channel) = await reader.ActivateAsync();
        Assert.Equal(files[1], await EmulatedReader.ReadFileAsync(channel, 3000, channel.MaxResponseDataLength));
    }

    [Theory]
    [InlineData(LinkKind.I2c)]
    [InlineData(LinkKind.Spi)]
    [InlineData(LinkKind.Hsu)]
    public async Task Reads_the_surface_ap_of_a_virtual_my_number_card(LinkKind kind)
    {
        await using var reader = EmulatedReader.Create(kind);
        var persona = PersonaCatalog.Default;
        var photo = Enumerable.Range(0, 3000).Select(i => (byte)(i * 13)).ToArray();
        var card = VirtualMyNumberCard.Create(persona, DelegateChipPhotoSource.Fixed(photo));
        reader.Emulator.Field.Insert(card);
        await reader.Chip.InitializeAsync();
        var (_, channel) = await reader.ActivateAsync();

        (await channel.TransmitAsync(new CommandApdu(0x00, 0xA4, 0x04, 0x0C, SurfaceAid))).EnsureSuccess(new CommandApdu(0, 0xA4, 4, 0xC));
        var tries = await channel.TransmitAsync(new CommandApdu(0x00, 0x20, 0x00, 0x92));
        Assert.True(tries.StatusWord.IsRetryCounter);
        var secret = Encoding.ASCII.GetBytes(persona.Secret(CredentialSlot.SurfaceVerificationB)!);
        try
        {
            Assert.True((await channel.TransmitAsync(new CommandApdu(0x00, 0x20, 0x00, 0x92, secret))).StatusWord.IsSuccess);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        foreach (ushort fid in new ushort[] { 0x0002, 0x0003, 0x0004 })
        {
            (await channel.TransmitAsync(new CommandApdu(0x00, 0xA4, 0x02, 0x0C, new[] { (byte)(fid >> 8), (byte)fid }))).EnsureSuccess(new CommandApdu(0, 0xA4, 2, 0xC));
            var data = await ReadWholeTlvAsync(channel);
            Assert.Equal(card.Image.ReadFile(ApplicationKind.Surface, fid), data);
        }

        // 256-byte chunks: one extended PN532 frame per READ BINARY.
        Assert.Equal(256, channel.MaxResponseDataLength);
    }

    private static async Task<byte[]> ReadWholeTlvAsync(IApduChannel channel)
    {
        var first = await channel.TransmitAsync(new CommandApdu(0x00, 0xB0, 0, 0, ne: channel.MaxResponseDataLength));
        var head = first.Data.ToArray();
        var i = (head[0] & 0x1F) == 0x1F ? 2 : 1;
        int length = head[i++];
        if (length > 0x80)
        {
            var count = length & 0x7F;
            length = 0;
            for (var k = 0; k < count; k++)
            {
                length = (length << 8) | head[i++];
            }
        }

        var total = i + length;
        var data = new List<byte>(head.Take(total));
        while (data.Count < total)
        {
            var n = Math.Min(channel.MaxResponseDataLength, total - data.Count);
            var r = await channel.TransmitAsync(new CommandApdu(0x00, 0xB0, (byte)(data.Count >> 8), (byte)data.Count, ne: n));
            Assert.True(r.StatusWord.IsSuccess);
            data.AddRange(r.Data.ToArray());
        }

        return [.. data];
    }
}
