using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.X509;

namespace ReaderKit.Trust;

/// <summary>
/// The offline trust anchors, each scoped to one role (<see cref="TrustAnchorRole"/>): J-LIS CVC issuer keys by 16-byte
/// key id, and JPKI root certificates. Built-in production anchors plus extra ones from a trust JSON file
/// (<see cref="Load"/>, <see cref="WithJson"/>; format in the README), so rotated keys and test hierarchies need no
/// rebuild. An unknown key id resolves to nothing (callers fail closed); a file entry may not redefine a known key id or
/// root with different key material or a different role. Immutable: <see cref="WithJson"/> returns a copy.
/// </summary>
public sealed class TrustStore
{
    private static readonly Lazy<TrustStore> ProductionStore = new(BuildProduction);

    private readonly Dictionary<string, IssuerKey> _issuerKeys;
    private readonly List<JpkiRoot> _roots;

    private TrustStore(Dictionary<string, IssuerKey> issuerKeys, List<JpkiRoot> roots)
    {
        _issuerKeys = issuerKeys;
        _roots = roots;
    }

    /// <summary>No anchors at all (everything fails closed).</summary>
    public static TrustStore Empty => new(new(StringComparer.Ordinal), []);

    /// <summary>The production J-LIS CVC keys (5000020 MF chain, 5000023 surface AP, 5000033 text AP) and the built-in JPKI roots.</summary>
    public static TrustStore Production => ProductionStore.Value;

    public IReadOnlyCollection<IssuerKey> IssuerKeys => _issuerKeys.Values;

    public IReadOnlyList<JpkiRoot> JpkiRoots => _roots;

    /// <summary>Production anchors plus the trust file at <paramref name="path"/> (when given).</summary>
    /// <exception cref="TrustStoreFormatException">Unreadable or invalid file (one-line message).</exception>
    public static TrustStore Load(string? path)
    {
        if (path is null)
        {
            return Production;
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TrustStoreFormatException($"cannot read trust file {path}: {ex.Message}", ex);
        }

        return Production.WithJson(json, path);
    }

    /// <summary>The CVC issuer key for a 16-byte key id, whatever its role, or null (fail closed).</summary>
    public IssuerKey? FindIssuerKey(ReadOnlySpan<byte> keyId) =>
        _issuerKeys.TryGetValue(Convert.ToHexString(keyId), out var key) ? key : null;

    /// <summary>The roots held for one role (test roots included; the verifiers apply <see cref="TrustOptions.AllowTestAnchors"/>).</summary>
    public IEnumerable<JpkiRoot> JpkiRootsFor(TrustAnchorRole role) => _roots.Where(r => r.Anchor.Role == role);

    /// <summary>A copy with the anchors of a trust JSON document (README: "Trust file") added.</summary>
    /// <param name="json">The document.</param>
    /// <param name="sourceName">Where it came from (a path); results name it as the anchor's source.</param>
    /// <exception cref="TrustStoreFormatException">Invalid document, an entry without a role (old format), or a conflict with a known anchor.</exception>
    public TrustStore WithJson(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(sourceName);
        var copy = new TrustStore(new Dictionary<string, IssuerKey>(_issuerKeys, StringComparer.Ordinal), [.. _roots]);
        var file = TrustFileReader.Read(json, sourceName);
        foreach (var key in file.IssuerKeys)
        {
            copy.AddIssuerKey(key);
        }

        foreach (var root in file.Roots)
        {
            copy.AddRoot(root);
        }

        return copy;
    }

    /// <summary>True for a test-hierarchy CVC key id: the first of its seven digits is 6 (mynumber-card.md §5.1 [R]).</summary>
    public static bool IsTestKeyId(ReadOnlySpan<byte> keyId) => !keyId.IsEmpty && keyId[0] == (byte)'6';

    /// <summary>True for a JPKI test-hierarchy certificate (<c>O=JPKI-TEST</c>, as JPKI test cards carry).</summary>
    public static bool IsTestRoot(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.SubjectDN.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.O).Any(o => o.Contains("TEST", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The anchor description of a JPKI root certificate.</summary>
    internal static TrustAnchor DescribeRoot(X509Certificate certificate, TrustAnchorRole role, TrustAnchorOrigin origin, string source, bool markedTest)
    {
        var purpose = role == TrustAnchorRole.JpkiAuthRoot ? "JPKI user-authentication root" : "JPKI digital-signature root";
        var name = string.Create(CultureInfo.InvariantCulture, $"{purpose} serial {certificate.SerialNumber.ToString(16).ToUpperInvariant()} ({certificate.NotBefore:yyyy-MM-dd}..{certificate.NotAfter:yyyy-MM-dd})");
        return new TrustAnchor(name, Convert.ToHexString(SHA256.HashData(certificate.GetEncoded())), role, origin, source, markedTest || IsTestRoot(certificate));
    }

    private static TrustStore BuildProduction()
    {
        var store = Empty;
        foreach (var (keyIdHex, role, modulus, source) in ProductionTrustAnchors.CvcIssuerKeys)
        {
            var keyId = Convert.FromHexString(keyIdHex);
            var anchor = new TrustAnchor(CardVerifiableCertificate.DescribeKeyId(keyId), keyIdHex, role, TrustAnchorOrigin.BuiltIn, $"built-in: {source}", IsTestKeyId(keyId));
            store.AddIssuerKey(new IssuerKey(keyId, RsaCardPublicKey.Create(Convert.FromHexString(modulus), [0x01, 0x00, 0x01]), anchor));
        }

        var parser = new X509CertificateParser();
        foreach (var (role, name, der) in ProductionTrustAnchors.JpkiRoots)
        {
            var certificate = parser.ReadCertificate(Convert.FromBase64String(der));
            store.AddRoot(new JpkiRoot(certificate, DescribeRoot(certificate, role, TrustAnchorOrigin.BuiltIn, $"built-in: {name}", markedTest: false)));
        }

        return store;
    }

    private void AddIssuerKey(IssuerKey key)
    {
        var id = key.Anchor.Identifier;
        if (_issuerKeys.TryGetValue(id, out var existing))
        {
            if (!existing.PublicKey.Encode().AsSpan().SequenceEqual(key.PublicKey.Encode()))
            {
                throw new TrustStoreFormatException($"{key.Anchor.Source}: key id {key.Describe()} is already defined by {existing.Anchor.Source} with different key material");
            }

            if (existing.Anchor.Role != key.Anchor.Role)
            {
                throw new TrustStoreFormatException($"{key.Anchor.Source}: key id {key.Describe()} is already defined by {existing.Anchor.Source} with role {TrustAnchor.RoleName(existing.Anchor.Role)}, not {TrustAnchor.RoleName(key.Anchor.Role)}");
            }

            return;
        }

        _issuerKeys.Add(id, key);
    }

    private void AddRoot(JpkiRoot root)
    {
        var existing = _roots.FirstOrDefault(r => r.Certificate.Equals(root.Certificate));
        if (existing is null)
        {
            _roots.Add(root);
            return;
        }

        if (existing.Anchor.Role != root.Anchor.Role)
        {
            throw new TrustStoreFormatException($"{root.Anchor.Source}: this root is already defined by {existing.Anchor.Source} with role {TrustAnchor.RoleName(existing.Anchor.Role)}, not {TrustAnchor.RoleName(root.Anchor.Role)}");
        }
    }
}
