using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReaderKit.Host.Journal;

/// <summary>
/// Seals <see cref="PersonalData"/> with AES-256-GCM under a device data key. Blob: <c>version(1)=1 ‖ nonce(12) ‖
/// tag(16) ‖ ciphertext</c>; associated data binds the blob to its record id and key id, so a blob moved to another
/// record or relabelled with another key fails to open. The plaintext is a small JSON object, zeroed after use.
/// </summary>
internal static class PersonalDataCipher
{
    private const byte Version = 1;

    public static byte[] Seal(PersonalData data, JournalRecordId recordId, string keyId, byte[] key)
    {
        var plain = Serialize(data);
        try
        {
            var blob = new byte[1 + 12 + 16 + plain.Length];
            blob[0] = Version;
            var nonce = blob.AsSpan(1, 12);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(key, 16);
            aes.Encrypt(nonce, plain, blob.AsSpan(29), blob.AsSpan(13, 16), Aad(recordId, keyId));
            return blob;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    public static PersonalData Open(byte[] blob, JournalRecordId recordId, string keyId, byte[] key)
    {
        if (blob.Length < 29 || blob[0] != Version)
        {
            throw new CryptographicException("Unknown personal-data blob format.");
        }

        var plain = new byte[blob.Length - 29];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(blob.AsSpan(1, 12), blob.AsSpan(29), blob.AsSpan(13, 16), plain, Aad(recordId, keyId));
            return Deserialize(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] Aad(JournalRecordId id, string keyId) => Encoding.ASCII.GetBytes($"readerkit-journal-personal-v1|{id.Compact}|{keyId}");

    private static byte[] Serialize(PersonalData data)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (data.Name is not null)
            {
                w.WriteString("name", data.Name);
            }

            if (data.Address is not null)
            {
                w.WriteString("address", data.Address);
            }

            if (data.BirthDate is { } b)
            {
                w.WriteString("birthDate", b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (data.Photo is not null)
            {
                w.WriteBase64String("photo", data.Photo);
            }

            if (data.Sex is { } sex)
            {
                w.WriteNumber("sex", (int)sex);
            }

            w.WriteEndObject();
        }

        var bytes = buffer.ToArray();
        CryptographicOperations.ZeroMemory(buffer.GetBuffer());
        return bytes;
    }

    private static PersonalData Deserialize(byte[] plain)
    {
        using var doc = JsonDocument.Parse(plain);
        var r = doc.RootElement;
        return new PersonalData(
            r.TryGetProperty("name", out var n) ? n.GetString() : null,
            r.TryGetProperty("address", out var a) ? a.GetString() : null,
            r.TryGetProperty("birthDate", out var b) ? DateOnly.ParseExact(b.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            r.TryGetProperty("photo", out var p) ? p.GetBytesFromBase64() : null,
            r.TryGetProperty("sex", out var x) ? (Card.Records.Sex)x.GetInt32() : null);
    }
}
