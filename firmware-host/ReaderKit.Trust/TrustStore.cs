using System.Text.Json;
using Org.BouncyCastle.X509;
using ReaderKit.Card;

namespace ReaderKit.Trust;

/// <summary>A CVC issuer key: the 16-byte 証明者鍵ID it answers to, the key, and where it came from.</summary>
public sealed record IssuerKey(byte[] KeyId, CardPublicKey PublicKey, string Source)
{
    public string Describe() => CardVerifiableCertificate.DescribeKeyId(KeyId);
}

/// <summary>A JPKI root certificate and where it came from.</summary>
public sealed record JpkiRoot(X509Certificate Certificate, string Source);

/// <summary>
/// The offline trust anchors: J-LIS CVC issuer keys by 16-byte key id, and JPKI root certificates. Built-in
/// production anchors plus extra ones from the trust JSON file (<see cref="WithJson"/>), so test hierarchies
/// and rotated keys need no rebuild. Lookups of an unknown key id return null: callers fail closed. An extra
/// entry may not redefine a known key id with different key material.
/// </summary>
public sealed class TrustStore
{
    private readonly Dictionary<string, IssuerKey> _issuerKeys;
    private readonly List<JpkiRoot> _roots;

    private TrustStore(Dictionary<string, IssuerKey> issuerKeys, List<JpkiRoot> roots)
    {
        _issuerKeys = issuerKeys;
        _roots = roots;
    }

    /// <summary>No anchors at all (everything fails closed).</summary>
    public static TrustStore Empty => new(new(StringComparer.Ordinal), []);

    private static readonly Lazy<TrustStore> ProductionStore = new(BuildProduction);

    /// <summary>The production J-LIS CVC keys (5000020, 5000023, 5000033) and the built-in JPKI roots (immutable; built once).</summary>
    public static TrustStore Production => ProductionStore.Value;

    private static TrustStore BuildProduction()
    {
        {
            var store = Empty;
            foreach (var (keyId, modulus, source) in ProductionTrustAnchors.CvcIssuerKeys)
            {
                store.AddIssuerKey(new IssuerKey(Convert.FromHexString(keyId), RsaCardPublicKey.Create(Convert.FromHexString(modulus), [0x01, 0x00, 0x01]), $"built-in: {source}"));
            }

            var parser = new X509CertificateParser();
            foreach (var (name, der) in ProductionTrustAnchors.JpkiRoots)
            {
                store._roots.Add(new JpkiRoot(parser.ReadCertificate(Convert.FromBase64String(der)), $"built-in: {name}"));
            }

            return store;
        }
    }

    public IReadOnlyCollection<IssuerKey> IssuerKeys => _issuerKeys.Values;

    public IReadOnlyList<JpkiRoot> JpkiRoots => _roots;

    /// <summary>Production anchors plus the JSON file at <paramref name="path"/> (when given).</summary>
    /// <exception cref="TrustStoreFormatException">Unreadable or invalid file.</exception>
    public static TrustStore Load(string? path)
    {
        var store = Production;
        if (path is null)
        {
            return store;
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TrustStoreFormatException($"Cannot read trust file {path}: {ex.Message}", ex);
        }

        return store.WithJson(json, path);
    }

    /// <summary>The issuer key for a 16-byte key id, or null (fail closed).</summary>
    public IssuerKey? FindIssuerKey(ReadOnlySpan<byte> keyId) =>
        _issuerKeys.TryGetValue(Convert.ToHexString(keyId), out var key) ? key : null;

    /// <summary>
    /// A copy with the anchors from a trust JSON document added:
    /// <c>{"cvcIssuerKeys":[{"keyId":"hex16","modulus":"hex","exponent":"hex","algorithm":"rsa"} |
    /// {"keyId":"hex16","algorithm":"ecdsa-p384","publicKey":"hex 04‖X‖Y"}],"jpkiRoots":["base64 DER"]}</c>.
    /// </summary>
    /// <exception cref="TrustStoreFormatException">Invalid document, or an entry that conflicts with a known key id.</exception>
    public TrustStore WithJson(string json, string sourceName)
    {
        var copy = new TrustStore(new Dictionary<string, IssuerKey>(_issuerKeys, StringComparer.Ordinal), [.. _roots]);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new TrustStoreFormatException($"{sourceName}: not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TrustStoreFormatException($"{sourceName}: the root must be an object");
            }

            if (root.TryGetProperty("cvcIssuerKeys", out var keys))
            {
                if (keys.ValueKind != JsonValueKind.Array)
                {
                    throw new TrustStoreFormatException($"{sourceName}: cvcIssuerKeys must be an array");
                }

                var index = 0;
                foreach (var entry in keys.EnumerateArray())
                {
                    copy.AddIssuerKey(ParseKey(entry, $"{sourceName} cvcIssuerKeys[{index++}]"));
                }
            }

            if (root.TryGetProperty("jpkiRoots", out var roots))
            {
                if (roots.ValueKind != JsonValueKind.Array)
                {
                    throw new TrustStoreFormatException($"{sourceName}: jpkiRoots must be an array");
                }

                var parser = new X509CertificateParser();
                var index = 0;
                foreach (var entry in roots.EnumerateArray())
                {
                    var where = $"{sourceName} jpkiRoots[{index++}]";
                    try
                    {
                        var der = Convert.FromBase64String(entry.GetString() ?? throw new TrustStoreFormatException($"{where}: expected a base64 string"));
                        var certificate = parser.ReadCertificate(der) ?? throw new TrustStoreFormatException($"{where}: no certificate");
                        if (!copy._roots.Any(r => r.Certificate.Equals(certificate)))
                        {
                            copy._roots.Add(new JpkiRoot(certificate, where));
                        }
                    }
                    catch (Exception ex) when (ex is FormatException or InvalidOperationException or Org.BouncyCastle.Security.Certificates.CertificateException or IOException or ArgumentException)
                    {
                        throw new TrustStoreFormatException($"{where}: not a base64 DER certificate ({ex.Message})", ex);
                    }
                }
            }
        }

        return copy;
    }

    private void AddIssuerKey(IssuerKey key)
    {
        var id = Convert.ToHexString(key.KeyId);
        if (_issuerKeys.TryGetValue(id, out var existing))
        {
            if (!existing.PublicKey.Encode().AsSpan().SequenceEqual(key.PublicKey.Encode()))
            {
                throw new TrustStoreFormatException($"{key.Source}: key id {key.Describe()} is already defined by {existing.Source} with different key material");
            }

            return;
        }

        _issuerKeys.Add(id, key);
    }

    private static IssuerKey ParseKey(JsonElement entry, string where)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new TrustStoreFormatException($"{where}: expected an object");
        }

        var keyId = Hex(entry, "keyId", where);
        if (keyId.Length != CardVerifiableCertificate.KeyIdLength)
        {
            throw new TrustStoreFormatException($"{where}: keyId must be 16 bytes, got {keyId.Length}");
        }

        var algorithm = entry.TryGetProperty("algorithm", out var a) ? a.GetString() : "rsa";
        try
        {
            CardPublicKey key = algorithm switch
            {
                "rsa" => RsaCardPublicKey.Create(Hex(entry, "modulus", where), Hex(entry, "exponent", where)),
                "ecdsa-p384" => EcP384CardPublicKey.FromPoint(Hex(entry, "publicKey", where)),
                _ => throw new TrustStoreFormatException($"{where}: unknown algorithm \"{algorithm}\" (rsa or ecdsa-p384)"),
            };
            return new IssuerKey(keyId, key, where);
        }
        catch (CardDataFormatException ex)
        {
            throw new TrustStoreFormatException($"{where}: {ex.Message}", ex);
        }
    }

    private static byte[] Hex(JsonElement entry, string name, string where)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new TrustStoreFormatException($"{where}: missing string \"{name}\"");
        }

        try
        {
            return Convert.FromHexString(value.GetString()!);
        }
        catch (FormatException ex)
        {
            throw new TrustStoreFormatException($"{where}: \"{name}\" is not hex", ex);
        }
    }
}

/// <summary>The trust JSON file is unreadable, malformed or conflicts with a known anchor.</summary>
public sealed class TrustStoreFormatException : Exception
{
    public TrustStoreFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
