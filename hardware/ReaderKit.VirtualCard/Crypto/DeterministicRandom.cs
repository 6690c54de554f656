using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace ReaderKit.VirtualCard.Crypto;

/// <summary>Seeded BouncyCastle random sources: the same seed and label always give the same byte stream.</summary>
public static class DeterministicRandom
{
    /// <summary>A SHA-256 DigestRandomGenerator seeded only with <paramref name="seed"/> and <paramref name="label"/>.</summary>
    public static SecureRandom Create(string seed, string label)
    {
        var generator = new DigestRandomGenerator(new Sha256Digest());
        generator.AddSeedMaterial(Encoding.UTF8.GetBytes(seed + "\u0000" + label));
        return new SecureRandom(generator);
    }

    /// <summary>Deterministic bytes for fillers and identifiers.</summary>
    public static byte[] Bytes(string seed, string label, int count)
    {
        var bytes = new byte[count];
        Create(seed, label).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A deterministic string of decimal digits.</summary>
    public static string Digits(string seed, string label, int count)
    {
        var random = Create(seed, label);
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + random.Next(10));
        }

        return new string(chars);
    }
}
