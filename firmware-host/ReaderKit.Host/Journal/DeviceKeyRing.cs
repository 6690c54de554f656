using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ReaderKit.Host.Journal;

/// <summary>
/// The device keys, in one JSON file created with mode 0600 (owner read/write) and refused if group or others may
/// access it: an <b>identity key</b> (HMAC-SHA256 of card identities; not rotated by <see cref="RotateDataKey"/>, so
/// the same card hashes the same way across rotations) and one or more <b>data keys</b> (AES-256-GCM for personal
/// fields). Rotation adds a new current data key and keeps the old ones so earlier records still decrypt; records are
/// re-encrypted lazily (never touched again) or eagerly by <see cref="TapJournal.ReencryptPersonalData"/>. Retiring an
/// old key (<see cref="RetireDataKey"/>) is allowed only once no record uses it.
/// </summary>
/// <remarks>
/// Format: <c>{"version":1,"identityKey":{"id":"i-…","key":"base64"},"dataKeys":[{"id":"d-…","key":"base64","created":"ISO 8601"}],"currentDataKey":"d-…"}</c>.
/// Writes go to a 0600 temporary file in the same directory, flushed, then renamed over the old file. Key bytes are
/// zeroed on <see cref="Dispose"/> (best effort: the runtime may have copied them, e.g. during Base64 decoding).
/// </remarks>
public sealed class DeviceKeyRing : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly List<DataKey> _dataKeys;
    private (string Id, byte[] Key) _identity;
    private string _current;

    private DeviceKeyRing(string path, (string, byte[]) identity, List<DataKey> dataKeys, string current)
    {
        _path = path;
        _identity = identity;
        _dataKeys = dataKeys;
        _current = current;
    }

    /// <summary>The file.</summary>
    public string Path => _path;

    /// <summary>The identity key's id.</summary>
    public string IdentityKeyId => _identity.Id;

    /// <summary>The data key new records are encrypted under.</summary>
    public string CurrentDataKeyId
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Every data key id, oldest first.</summary>
    public IReadOnlyList<string> DataKeyIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _dataKeys.Select(k => k.Id)];
            }
        }
    }

    /// <summary>Opens the key file, creating it (0600, fresh random keys) when absent.</summary>
    /// <exception cref="DeviceKeyException">Malformed, or group/others have access.</exception>
    public static DeviceKeyRing OpenOrCreate(string path, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (File.Exists(path))
        {
            return Open(path);
        }

        var ring = new DeviceKeyRing(
            path,
            (NewId("i"), RandomNumberGenerator.GetBytes(32)),
            [new DataKey(NewId("d"), RandomNumberGenerator.GetBytes(32), time.GetUtcNow())],
            "");
        ring._current = ring._dataKeys[0].Id;
        ring.Save();
        return ring;
    }

    /// <summary>Opens an existing key file.</summary>
    /// <exception cref="DeviceKeyException">Missing, malformed, or group/others have access.</exception>
    public static DeviceKeyRing Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new DeviceKeyException($"The device key file {path} does not exist.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new DeviceKeyException($"The device key file {path} is accessible by group or others; run: chmod 600 {path}");
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.GetProperty("version").GetInt32() != 1)
            {
                throw new DeviceKeyException($"The device key file {path} has an unknown version.");
            }

            var idKey = root.GetProperty("identityKey");
            var identity = (idKey.GetProperty("id").GetString()!, Key(idKey));
            var data = root.GetProperty("dataKeys").EnumerateArray()
                .Select(k => new DataKey(k.GetProperty("id").GetString()!, Key(k), DateTimeOffset.Parse(k.GetProperty("created").GetString()!, CultureInfo.InvariantCulture)))
                .ToList();
            var current = root.GetProperty("currentDataKey").GetString()!;
            if (data.Count == 0 || data.All(k => k.Id != current))
            {
                throw new DeviceKeyException($"The device key file {path} names a current data key it does not hold.");
            }

            return new DeviceKeyRing(path, identity, data, current);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DeviceKeyException($"The device key file {path} is malformed ({e.GetType().Name}).", e);
        }
    }

    /// <summary>HMAC-SHA256 of <paramref name="identity"/> under the identity key, as lower-case hex.</summary>
    public string HashCardIdentity(ReadOnlySpan<byte> identity)
    {
        Span<byte> mac = stackalloc byte[32];
        lock (_gate)
        {
            HMACSHA256.HashData(_identity.Key, identity, mac);
        }

        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// HMAC-SHA256 of <paramref name="message"/> under the <b>receipt key</b>, derived from the identity key as
    /// HMAC-SHA256(identity key, <c>readerkit-receipt-key-v1</c>): the keyed hash printed on outage paperwork. Derived
    /// from the identity key so it survives data-key rotation, and domain-separated so it never equals a card hash.
    /// </summary>
    public byte[] MacReceipt(ReadOnlySpan<byte> message)
    {
        Span<byte> receiptKey = stackalloc byte[32];
        try
        {
            lock (_gate)
            {
                HMACSHA256.HashData(_identity.Key, "readerkit-receipt-key-v1"u8, receiptKey);
            }

            return HMACSHA256.HashData(receiptKey, message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(receiptKey);
        }
    }

    /// <summary>The data key with <paramref name="id"/>.</summary>
    /// <exception cref="DeviceKeyException">No such key (it was retired or the file was replaced).</exception>
    internal byte[] DataKeyBytes(string id)
    {
        lock (_gate)
        {
            return _dataKeys.FirstOrDefault(k => k.Id == id)?.Key
                ?? throw new DeviceKeyException($"The device key file {_path} has no data key {id}.");
        }
    }

    /// <summary>Adds a fresh data key and makes it current (saved at once); returns its id. Old keys stay for decryption.</summary>
    public string RotateDataKey(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        lock (_gate)
        {
            var key = new DataKey(NewId("d"), RandomNumberGenerator.GetBytes(32), time.GetUtcNow());
            _dataKeys.Add(key);
            _current = key.Id;
            Save();
            return key.Id;
        }
    }

    /// <summary>Removes an old data key (never the current one); the caller must have checked that no record still uses it.</summary>
    public void RetireDataKey(string id)
    {
        lock (_gate)
        {
            if (id == _current)
            {
                throw new DeviceKeyException("The current data key cannot be retired; rotate first.");
            }

            var key = _dataKeys.FirstOrDefault(k => k.Id == id) ?? throw new DeviceKeyException($"No data key {id}.");
            _dataKeys.Remove(key);
            Save();
            CryptographicOperations.ZeroMemory(key.Key);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            CryptographicOperations.ZeroMemory(_identity.Key);
            foreach (var k in _dataKeys)
            {
                CryptographicOperations.ZeroMemory(k.Key);
            }
        }
    }

    private static string NewId(string prefix) => prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static byte[] Key(JsonElement e)
    {
        var key = Convert.FromBase64String(e.GetProperty("key").GetString()!);
        return key.Length == 32 ? key : throw new FormatException("A device key must be 32 bytes.");
    }

    private void Save()
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path))!;
        var temp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(_path) + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + ".tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using (var stream = new FileStream(temp, options))
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("version", 1);
                w.WriteStartObject("identityKey");
                w.WriteString("id", _identity.Id);
                w.WriteBase64String("key", _identity.Key);
                w.WriteEndObject();
                w.WriteStartArray("dataKeys");
                foreach (var k in _dataKeys)
                {
                    w.WriteStartObject();
                    w.WriteString("id", k.Id);
                    w.WriteBase64String("key", k.Key);
                    w.WriteString("created", k.Created.ToString("O", CultureInfo.InvariantCulture));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("currentDataKey", _current);
                w.WriteEndObject();
                w.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new DeviceKeyException($"The device key file {_path} could not be written: {e.Message}", e);
        }
    }

    private sealed record DataKey(string Id, byte[] Key, DateTimeOffset Created);
}
