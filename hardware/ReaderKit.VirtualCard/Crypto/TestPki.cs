using System.Collections.Concurrent;
using System.Text.Json;

namespace ReaderKit.VirtualCard.Crypto;

/// <summary>
/// The whole test PKI, generated deterministically from a seed: CVC hierarchies (RSA-2048 and, lazily, the
/// ECDSA P-384 next generation), the JPKI hierarchy and per-card keys. Keys are generated lazily on first use and
/// memoised per seed in the process, because RSA-2048 key generation is slow.
/// </summary>
public sealed class TestPki
{
    /// <summary>The seed of the shared default hierarchy used by personas unless told otherwise.</summary>
    public const string DefaultSeed = "readerkit-test-pki-1";

    /// <summary>The resource name of <see cref="DefaultTrustJson"/>.</summary>
    public const string DefaultTrustResource = "ReaderKit.VirtualCard.Crypto.default-trust.json";

    // Deliberate memo of pure functions of the seed (immutable once built): the only process-wide cache.
    private static readonly ConcurrentDictionary<string, TestPki> Instances = new(StringComparer.Ordinal);

    private static readonly Lazy<string> DefaultTrust = new(() =>
    {
        using var stream = typeof(TestPki).Assembly.GetManifestResourceStream(DefaultTrustResource)
            ?? throw new InvalidOperationException($"resource {DefaultTrustResource} is missing from {typeof(TestPki).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private readonly Lazy<CvcHierarchy> rsaCvc;
    private readonly Lazy<CvcHierarchy> ecCvc;
    private readonly Lazy<JpkiHierarchy> jpki;
    private readonly ConcurrentDictionary<string, Lazy<CardSigningKey>> cardKeys = new(StringComparer.Ordinal);

    private TestPki(string seed)
    {
        Seed = seed;
        rsaCvc = new(() => new CvcHierarchy(this, CardKeyAlgorithm.Rsa2048), LazyThreadSafetyMode.ExecutionAndPublication);
        ecCvc = new(() => new CvcHierarchy(this, CardKeyAlgorithm.EcdsaP384), LazyThreadSafetyMode.ExecutionAndPublication);
        jpki = new(() => new JpkiHierarchy(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The hierarchy for <see cref="DefaultSeed"/>.</summary>
    public static TestPki Default => ForSeed(DefaultSeed);

    /// <summary>
    /// <see cref="ExportTrustJson()"/> of <see cref="Default"/>, read from the file shipped in this assembly
    /// (<c>Crypto/default-trust.json</c>, public anchors only) instead of generated: generating it means generating every
    /// RSA-2048 CA key of the hierarchy, over a second of start-up for whoever only needs the anchors (the simulated
    /// host). The virtual card tests check the file is exactly what the seed generates (set
    /// <c>READERKIT_UPDATE_TEST_PKI_TRUST=1</c> to rewrite it).
    /// </summary>
    public static string DefaultTrustJson => DefaultTrust.Value;

    /// <summary>The seed everything is derived from.</summary>
    public string Seed { get; }

    /// <summary>The JPKI CA roots (generated on first use).</summary>
    public JpkiHierarchy Jpki => jpki.Value;

    /// <summary>The test PKI for a seed; the same instance (and keys) for the same seed within the process.</summary>
    public static TestPki ForSeed(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        return Instances.GetOrAdd(seed, s => new TestPki(s));
    }

    /// <summary>The CVC hierarchy of one generation (generated on first use).</summary>
    public CvcHierarchy Cvc(CardKeyAlgorithm algorithm) => algorithm == CardKeyAlgorithm.Rsa2048 ? rsaCvc.Value : ecCvc.Value;

    /// <summary>A per-card key (chip key, JPKI holder keys), deterministic from the seed and label.</summary>
    public CardSigningKey CardKey(string label, CardKeyAlgorithm algorithm)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        var key = $"{algorithm}/{label}";
        return cardKeys.GetOrAdd(key, k => new Lazy<CardSigningKey>(
            () => CardSigningKey.Generate(algorithm, DeterministicRandom.Create(Seed, "card/" + k)),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// The trust file (ReaderKit.Trust format) for this hierarchy: every CVC anchor of both generations with its role
    /// (<c>mf-chain</c>, <c>surface-ap</c>, <c>text-ap</c>) and both JPKI roots (<c>jpki-auth</c>, <c>jpki-sign</c>), every entry
    /// marked <c>"test": true</c> — a verifier accepts them only with its test-anchor opt-in (<c>--allow-test-anchors</c>):
    /// <c>{"cvcIssuerKeys":[{"keyId","role","algorithm":"rsa","modulus","exponent","test":true} | {…,"algorithm":"ecdsa-p384","publicKey"}],
    /// "jpkiRoots":[{"role","certificate":base64 DER,"test":true}]}</c>.
    /// </summary>
    public string ExportTrustJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("comment", $"ReaderKit simulator test PKI (seed {Seed}): TEST anchors, accepted only with --allow-test-anchors");
            writer.WriteStartArray("cvcIssuerKeys");
            foreach (var algorithm in new[] { CardKeyAlgorithm.Rsa2048, CardKeyAlgorithm.EcdsaP384 })
            {
                foreach (var anchor in Cvc(algorithm).TrustAnchors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("keyId", Convert.ToHexStringLower(anchor.KeyId));
                    writer.WriteString("role", anchor.TrustFileRole);
                    if (algorithm == CardKeyAlgorithm.Rsa2048)
                    {
                        writer.WriteString("algorithm", "rsa");
                        writer.WriteString("modulus", Convert.ToHexStringLower(anchor.Key.RsaModulus));
                        writer.WriteString("exponent", Convert.ToHexStringLower(anchor.Key.RsaExponent));
                    }
                    else
                    {
                        writer.WriteString("algorithm", "ecdsa-p384");
                        writer.WriteString("publicKey", Convert.ToHexStringLower(anchor.Key.EcPublicPoint));
                    }

                    writer.WriteBoolean("test", true);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteStartArray("jpkiRoots");
            foreach (var (role, root) in new[] { ("jpki-auth", Jpki.AuthCa), ("jpki-sign", Jpki.SignCa) })
            {
                writer.WriteStartObject();
                writer.WriteString("role", role);
                writer.WriteString("certificate", Convert.ToBase64String(root.GetEncoded()));
                writer.WriteBoolean("test", true);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <see cref="ExportTrustJson()"/> to a file.</summary>
    public void WriteTrustJson(string path) => File.WriteAllText(path, ExportTrustJson());

    /// <inheritdoc/>
    public override string ToString() => $"TestPki(seed {Seed})";
}
