using System.Device.Gpio;
using System.Device.Spi;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ReaderKit.Emulation.Pn532;

namespace ReaderKit.Nfc.Tests;

/// <summary>The SPI link's own copies of a frame (op byte + frame, and the bit-reversed copy) are zeroed after the write.</summary>
public class SpiZeroingTests
{
    /// <summary>Remembers where the link's buffers lived; valid while no garbage collection runs (the test forbids one).</summary>
    private sealed class AddressRecordingSpi(DataFlow flow) : SpiDevice
    {
        public List<(nint Address, int Length, byte[] Seen)> Writes { get; } = [];

        public override SpiConnectionSettings ConnectionSettings { get; } = new(0, -1) { DataFlow = flow, ClockFrequency = 1_000_000 };

        public override unsafe void Write(ReadOnlySpan<byte> buffer) =>
            Writes.Add(((nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer)), buffer.Length, buffer.ToArray()));

        public override void Read(Span<byte> buffer) => buffer.Clear();

        public override byte ReadByte() => 0;

        public override void WriteByte(byte value)
        {
        }

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => readBuffer.Clear();
    }

    [Theory]
    [InlineData(DataFlow.LsbFirst)]
    [InlineData(DataFlow.MsbFirst)]
    public async Task Frames_written_over_spi_leave_no_copy_behind(DataFlow flow)
    {
        var spi = new AddressRecordingSpi(flow);
        using var gpio = new GpioController(new Pn532SpiAttachment(new Pn532Emulator()).ChipSelectDriver);
        using var link = new Pn532SpiLink(spi, gpio, Pn532SpiAttachment.DefaultChipSelectPin, ownsDevice: false);
        var frame = Pn532Frame.EncodeCommand(0x40, [0x01, 0x00, 0x20, 0x00, 0x80, 0x0E, .. "55021720352285"u8]);
        for (var attempt = 0; ; attempt++)
        {
            // The recorded address stays valid only while no garbage collection runs (other tests allocate in parallel).
            Assert.True(GC.TryStartNoGCRegion(64 * 1024 * 1024));
            spi.Writes.Clear();
            bool? zeroed = null;
            try
            {
                await link.WriteAsync(frame.AsMemory(), CancellationToken.None);
                var write = Assert.Single(spi.Writes);
                Assert.Equal(frame.Length + 1, write.Length);
                Assert.Contains((byte)(flow == DataFlow.LsbFirst ? 0x35 : 0xAC), write.Seen); // '5', bit-reversed on an MSB-first bus
                if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
                {
                    zeroed = AllZero(write.Address, write.Length);
                }
            }
            finally
            {
                if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
                {
                    GC.EndNoGCRegion();
                }
            }

            if (zeroed is { } result)
            {
                Assert.True(result, "the link's copy still holds the frame");
                return;
            }

            Assert.True(attempt < 5, "a garbage collection interrupted every attempt");
        }
    }

    private static unsafe bool AllZero(nint address, int length) => new ReadOnlySpan<byte>((void*)address, length).IndexOfAnyExcept((byte)0) < 0;
}
