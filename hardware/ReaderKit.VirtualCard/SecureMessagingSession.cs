using System.Security.Cryptography;

namespace ReaderKit.VirtualCard;

/// <summary>
/// The text AP's secure-messaging session after SET SESSION KEY, as soltia48/myna-card measured it on a card: AES-128-CBC,
/// confidentiality only; IV = AES(key, IV 0) over the message counter N as 16 big-endian bytes; N starts at 1 and advances on
/// every secure-messaging command (also those the application refuses); ISO/IEC 7816-4 padding always added. A data object the
/// card cannot decrypt or unpad ends the session: <c>6988</c>, then <c>69FC</c> for every later secure-messaging command.
/// </summary>
internal sealed class SecureMessagingSession : IDisposable
{
    private const int Block = 16;
    private readonly Aes aes;

    public SecureMessagingSession(ReadOnlySpan<byte> key)
    {
        aes = Aes.Create();
        aes.Key = key[..Block].ToArray();
    }

    /// <summary>The counter the next secure-messaging command uses.</summary>
    public uint Counter { get; private set; } = 1;

    /// <summary>True once the card refused a cryptogram: every later secure-messaging command answers <c>69FC</c>.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>Takes the counter for one command (and advances it).</summary>
    public uint Next() => Counter++;

    public void Break() => IsBroken = true;

    /// <summary>Decrypts and unpads a cryptogram for counter <paramref name="n"/>; null when it is not a whole, well-padded message.</summary>
    public byte[]? Decrypt(ReadOnlySpan<byte> cryptogram, uint n)
    {
        if (cryptogram.IsEmpty || cryptogram.Length % Block != 0)
        {
            return null;
        }

        var plain = aes.DecryptCbc(cryptogram, Iv(n), PaddingMode.None);
        var end = plain.Length;
        while (end > 0 && plain[end - 1] == 0x00)
        {
            end--;
        }

        if (end == 0 || plain[end - 1] != 0x80)
        {
            CryptographicOperations.ZeroMemory(plain);
            return null;
        }

        var message = plain[..(end - 1)];
        CryptographicOperations.ZeroMemory(plain);
        return message;
    }

    /// <summary>Pads (80 00…, always) and encrypts a response for counter <paramref name="n"/>.</summary>
    public byte[] Encrypt(ReadOnlySpan<byte> plain, uint n)
    {
        var padded = new byte[((plain.Length / Block) + 1) * Block];
        plain.CopyTo(padded);
        padded[plain.Length] = 0x80;
        var result = aes.EncryptCbc(padded, Iv(n), PaddingMode.None);
        CryptographicOperations.ZeroMemory(padded);
        return result;
    }

    public void Dispose() => aes.Dispose();

    private byte[] Iv(uint n)
    {
        var block = new byte[Block];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(block.AsSpan(Block - 4), n);
        return aes.EncryptEcb(block, PaddingMode.None);
    }
}
