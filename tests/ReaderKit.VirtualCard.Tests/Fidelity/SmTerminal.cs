using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace ReaderKit.VirtualCard.Tests.Fidelity;

/// <summary>
/// The terminal side of the text AP's secure messaging, written from soltia48/myna-card's description (not from the card's
/// code): SET SESSION KEY = RSA-OAEP/SHA-256 of <c>A0 22 80 20 ‖ seed(32)</c> to the EF 0006 key; AES-128-CBC with the first 16
/// seed bytes, IV = AES(key, N as 16 big-endian bytes), ISO 7816-4 padding always, N from 1 on every SM command.
/// </summary>
internal sealed class SmTerminal : IDisposable
{
    private readonly Aes aes = Aes.Create();

    public SmTerminal(byte[] seed)
    {
        Seed = seed;
        aes.Key = seed[..16];
    }

    public byte[] Seed { get; }

    /// <summary>The counter the next SM command uses (each builder below takes one).</summary>
    public uint Counter { get; set; } = 1;

    /// <summary>The counter the last built command took (its answer is encrypted under it).</summary>
    public uint Last { get; private set; }

    /// <summary>The SET SESSION KEY command for this seed, encrypted to the EF 0006 key field (<c>A1 { 90 e, 91 n }</c>).</summary>
    public byte[] SetSessionKey(byte[] ef0006)
    {
        var key = (RsaKeyParameters)Verifier.PublicKeyFromField(TlvNode.ParseOne(ef0006).Value);
        return SetSessionKeyApdu(Encrypt(key, [0xA0, 0x22, 0x80, 0x20, .. Seed]));
    }

    public static byte[] Encrypt(RsaKeyParameters key, byte[] message)
    {
        var oaep = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), null);
        oaep.Init(true, new ParametersWithRandom(key, new SecureRandom()));
        return oaep.ProcessBlock(message, 0, message.Length);
    }

    /// <summary><c>80 AE 00 00</c> with an extended Lc (a 256-byte cryptogram does not fit a short one).</summary>
    public static byte[] SetSessionKeyApdu(byte[] cryptogram) =>
        [0x80, 0xAE, 0x00, 0x00, 0x00, (byte)(cryptogram.Length >> 8), (byte)cryptogram.Length, .. cryptogram];

    /// <summary><c>86 L 01 ‖ cryptogram</c> of <paramref name="plain"/> for the current counter.</summary>
    public byte[] Cryptogram(byte[] plain, uint? counter = null)
    {
        var padded = new byte[((plain.Length / 16) + 1) * 16];
        plain.CopyTo(padded, 0);
        padded[plain.Length] = 0x80;
        var ct = aes.EncryptCbc(padded, Iv(counter ?? Counter), PaddingMode.None);
        return [0x86, (byte)(ct.Length + 1), 0x01, .. ct];
    }

    public byte[] Verify(byte sfi, string secret) => Take(Command(0x20, 0x00, (byte)(0x80 | sfi), Cryptogram(System.Text.Encoding.ASCII.GetBytes(secret))));

    public byte[] SelectEf(ushort fid) => Take(Command(0xA4, 0x02, 0x0C, Cryptogram([(byte)(fid >> 8), (byte)fid])));

    /// <summary>SM READ BINARY: <c>96 03 00 Le(2)</c> (0 = to the end of the file) with an extended Le.</summary>
    public byte[] ReadBinary(ushort offset, ushort length) =>
        Take([0x08, 0xB0, (byte)(offset >> 8), (byte)offset, 0x00, 0x00, 0x05, 0x96, 0x03, 0x00, (byte)(length >> 8), (byte)length, 0x00, 0x00]);

    private byte[] Take(byte[] apdu)
    {
        Last = Counter++;
        return apdu;
    }

    /// <summary>Decrypts a <c>86 L 01 ‖ cryptogram</c> answer for counter <paramref name="n"/>.</summary>
    public byte[] Open(byte[] data, uint n)
    {
        var node = TlvNode.ParseOne(data);
        Assert.Equal(0x86, node.Tag);
        Assert.Equal(0x01, node.Value[0]);
        var plain = aes.DecryptCbc(node.Value[1..], Iv(n), PaddingMode.None);
        var end = Array.LastIndexOf(plain, (byte)0x80);
        Assert.True(end >= 0 && plain[(end + 1)..].All(b => b == 0), "the card pads its answer 80 00…");
        return plain[..end];
    }

    public void Dispose() => aes.Dispose();

    private static byte[] Command(byte ins, byte p1, byte p2, byte[] data) => [0x08, ins, p1, p2, (byte)data.Length, .. data];

    private byte[] Iv(uint n)
    {
        var block = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(block.AsSpan(12), n);
        return aes.EncryptEcb(block, PaddingMode.None);
    }
}
