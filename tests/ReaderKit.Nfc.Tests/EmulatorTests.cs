using ReaderKit.Apdu;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Nfc.Tests;

public class EmulatorTests
{
    public static TheoryData<LinkKind> Links => new() { LinkKind.I2c, LinkKind.Spi, LinkKind.Hsu };

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Reads_a_20_KiB_file_with_256_byte_chunks(LinkKind kind)
    {
        await using var reader = EmulatedReader.Create(kind);
        var files = EmulatedReader.Files();
        reader.Emulator.Field.Insert(new TransparentFileCard(files));
        var fw = await reader.Chip.InitializeAsync();
        Assert.Equal(0x32, fw.Ic);
        var (target, channel) = await reader.ActivateAsync();
        Assert.Equal(256, target.MaxFrameSize);
        Assert.Equal(256, channel.MaxResponseDataLength);
        Assert.Equal(files[1], await EmulatedReader.ReadFileAsync(channel, files[1].Length, channel.MaxResponseDataLength));
        await reader.Chip.ReleaseAsync(target.TargetNumber);
    }

    [Fact]
    public async Task Release_is_idempotent_but_other_commands_on_a_released_target_fail()
    {
        await using var reader = EmulatedReader.Create(LinkKind.I2c);
        reader.Emulator.Field.Insert(new TransparentFileCard(EmulatedReader.Files()));
        await reader.Chip.InitializeAsync();
        var (target, _) = await reader.ActivateAsync();
        await reader.Chip.ReleaseAsync(target.TargetNumber);
        await reader.Chip.ReleaseAsync(target.TargetNumber); // e.g. a resend after a lost ACK
        var e = await Assert.ThrowsAsync<Pn532StatusException>(() => reader.Chip.DataExchangeAsync(target.TargetNumber, new byte[] { 0x00, 0xB0, 0x00, 0x00, 0x01 }, 3, TimeSpan.FromSeconds(1)));
        Assert.Equal(CardTransportFailure.CardRemoved, e.Failure);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Extended_le_answers_arrive_through_mi_chaining(LinkKind kind)
    {
        await using var reader = EmulatedReader.Create(kind);
        var files = EmulatedReader.Files(4000);
        reader.Emulator.Field.Insert(new TransparentFileCard(files));
        await reader.Chip.InitializeAsync();
        var (_, channel) = await reader.ActivateAsync();
        Assert.Equal(files[1], await EmulatedReader.ReadFileAsync(channel, files[1].Length, 1000));
    }

    [Theory]
    [MemberData(nameof(Links))]
    public async Task Presence_check_and_removal_detection(LinkKind kind)
    {
        await using var reader = EmulatedReader.Create(kind);
        reader.Emulator.Field.Insert(new TransparentFileCard(EmulatedReader.Files(10)));
        await reader.Chip.InitializeAsync();
        Assert.Null(await ListAfterRemovalAsync(reader, insertBack: false));
        reader.Emulator.Field.Insert(new TransparentFileCard(EmulatedReader.Files(10)));
        await reader.ActivateAsync();
        Assert.True(await reader.Chip.IsPresentAsync());
        reader.Emulator.Field.Remove();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await reader.Chip.WaitForRemovalAsync(TimeSpan.FromMilliseconds(5), cts.Token);
        Assert.False(await reader.Chip.IsPresentAsync());
    }

    private static async Task<TypeBTarget?> ListAfterRemovalAsync(EmulatedReader reader, bool insertBack)
    {
        reader.Emulator.Field.Remove();
        var target = await reader.Chip.ListTypeBTargetAsync();
        if (insertBack)
        {
            reader.Emulator.Field.Insert(new TransparentFileCard(EmulatedReader.Files(10)));
        }

        return target;
    }
}
