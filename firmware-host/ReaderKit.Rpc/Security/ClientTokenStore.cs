using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReaderKit.Rpc.Security;

/// <summary>
/// Per-client bearer tokens. A token is 32 random bytes (<c>rk1.</c> + base64url), shown once at issue; the device keeps
/// only its SHA-256 (<c>clients.json</c>, mode 0600). A high-entropy token needs no slow hash; comparison is constant
/// time. The file is re-read when it changes, so <c>readerkit pair</c> in another process takes effect at once.
/// Thread-safe.
/// </summary>
public sealed class ClientTokenStore
{
    /// <summary>The file name inside the state directory.</summary>
    public const string FileName = "clients.json";

    private const string Prefix = "rk1.";
    private readonly Lock _gate = new();
    private readonly string _path;
    private List<ClientTokenEntry> _entries = [];
    private DateTime _loadedStamp = DateTime.MinValue;

    private ClientTokenStore(string path) => _path = path;

    /// <summary>Opens (or starts) the store in <paramref name="stateDirectory"/>.</summary>
    public static ClientTokenStore Open(string stateDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateDirectory);
        StateDirectory.Ensure(stateDirectory);
        return new ClientTokenStore(Path.Combine(stateDirectory, FileName));
    }

    /// <summary>The clients that hold a token (names and issue times; never a token or hash).</summary>
    public IReadOnlyList<(string Name, DateTimeOffset IssuedAt)> List()
    {
        lock (_gate)
        {
            Reload();
            return _entries.Select(e => (e.Name, DateTimeOffset.FromUnixTimeMilliseconds(e.IssuedAtMs))).ToList();
        }
    }

    /// <summary>Issues a new token for <paramref name="clientName"/> (replacing its previous one) and returns it — the only time it exists in clear.</summary>
    public string Issue(string clientName, TimeProvider? time = null)
    {
        ValidateName(clientName);
        var secret = RandomNumberGenerator.GetBytes(32);
        var token = Prefix + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        CryptographicOperations.ZeroMemory(secret);
        lock (_gate)
        {
            Reload();
            _entries.RemoveAll(e => e.Name == clientName);
            _entries.Add(new ClientTokenEntry(clientName, Hash(token), (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds()));
            Save();
        }

        return token;
    }

    /// <summary>Revokes <paramref name="clientName"/>'s token; false when it had none.</summary>
    public bool Revoke(string clientName)
    {
        lock (_gate)
        {
            Reload();
            var removed = _entries.RemoveAll(e => e.Name == clientName) > 0;
            if (removed)
            {
                Save();
            }

            return removed;
        }
    }

    /// <summary>The client name the token was issued to, or null.</summary>
    public string? Verify(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Convert.FromHexString(Hash(token));
        lock (_gate)
        {
            Reload();
            string? match = null;
            foreach (var entry in _entries)
            {
                // Every entry is compared, in constant time, whatever matched.
                if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(entry.Sha256)))
                {
                    match = entry.Name;
                }
            }

            return match;
        }
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || name.Any(char.IsControl))
        {
            throw new ArgumentException("A client name is 1 to 64 printable characters.", nameof(name));
        }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private void Reload()
    {
        var stamp = File.Exists(_path) ? File.GetLastWriteTimeUtc(_path) : DateTime.MinValue;
        if (stamp == _loadedStamp)
        {
            return;
        }

        _loadedStamp = stamp;
        _entries = stamp == DateTime.MinValue ? [] : Parse(File.ReadAllBytes(_path));
    }

    private void Save()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("clients");
            foreach (var e in _entries)
            {
                json.WriteStartObject();
                json.WriteString("name", e.Name);
                json.WriteString("sha256", e.Sha256);
                json.WriteNumber("issuedAtMs", e.IssuedAtMs);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        StateDirectory.WriteSecretFile(_path, buffer.WrittenSpan);
        _loadedStamp = File.GetLastWriteTimeUtc(_path);
    }

    private static List<ClientTokenEntry> Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var list = new List<ClientTokenEntry>();
            foreach (var c in document.RootElement.GetProperty("clients").EnumerateArray())
            {
                list.Add(new ClientTokenEntry(c.GetProperty("name").GetString()!, c.GetProperty("sha256").GetString()!, c.GetProperty("issuedAtMs").GetInt64()));
            }

            return list;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // A broken token file authorises nobody (fail closed) until it is fixed or re-paired.
            return [];
        }
    }

    private sealed record ClientTokenEntry(string Name, string Sha256, long IssuedAtMs);
}
