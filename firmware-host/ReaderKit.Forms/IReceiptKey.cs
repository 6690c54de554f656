namespace ReaderKit.Forms;

/// <summary>
/// The device key that seals receipts: a keyed MAC (HMAC-SHA256) over the canonical receipt bytes. The host implements
/// it over its device key ring; the key never leaves the implementation.
/// </summary>
public interface IReceiptKey
{
    /// <summary>HMAC-SHA256 of <paramref name="message"/> under the receipt key (32 bytes).</summary>
    byte[] Mac(ReadOnlySpan<byte> message);
}
