using ReaderKit.Forms;
using ReaderKit.Host.Journal;

namespace ReaderKit.Host.Paperwork;

/// <summary>The receipt key over the device key ring (<see cref="DeviceKeyRing.MacReceipt"/>); the key bytes stay in the ring.</summary>
internal sealed class DeviceReceiptKey(DeviceKeyRing keys) : IReceiptKey
{
    public byte[] Mac(ReadOnlySpan<byte> message) => keys.MacReceipt(message);
}
