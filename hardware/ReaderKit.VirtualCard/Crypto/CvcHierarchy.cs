using System.Collections.Concurrent;

namespace ReaderKit.VirtualCard.Crypto;

/// <summary>
/// The J-LIS CVC hierarchy of one card generation in the test PKI. Trust anchors carry the test-prefix key ids the reference
/// lists (<c>6000020</c> MF chain, <c>6000023</c> surface AP, <c>6000033</c> text AP). Each surface/text anchor certifies one
/// issuer key <b>per municipality</b> that signs that municipality's cards: subject key id = the 5-digit municipality code +
/// <c>21</c> for the surface AP (observed: <c>1322121/000</c> on a test card from municipality 13221, soltia48/myna-card) and
/// + <c>31</c> for the text AP (by analogy [U]). The MF intermediate (<c>6100020</c>) is our choice [U]. The 3-digit suffix of the
/// anchors is <c>001</c> (RSA-2048) or <c>002</c> (ECDSA P-384 next generation, assumption); of the municipal issuers <c>000</c>
/// (RSA, observed) or <c>002</c> (ECDSA [U]). Anchor ids and roles are one data table (<see cref="Layout"/>). Every id of the
/// hierarchy's anchors starts with 6, so a verifier treats them as test anchors.
/// </summary>
public sealed class CvcHierarchy
{
    private readonly TestPki pki;
    private readonly string suffix;
    private readonly string issuerSuffix;
    private readonly ConcurrentDictionary<string, Lazy<CvcAuthority>> issuers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> issuerCvcs = new(StringComparer.Ordinal);

    /// <summary>Key number and role of every fixed authority in one generation (the 3-digit suffix is per generation).</summary>
    public static IReadOnlyList<(string Number, CvcAuthorityRole Role)> Layout { get; } =
    [
        ("6000020", CvcAuthorityRole.MfChainAnchor),
        ("6000023", CvcAuthorityRole.SurfaceApAnchor),
        ("6000033", CvcAuthorityRole.TextApAnchor),
        ("6100020", CvcAuthorityRole.MfIntermediate),
    ];

    internal CvcHierarchy(TestPki pki, CardKeyAlgorithm algorithm)
    {
        this.pki = pki;
        Algorithm = algorithm;
        suffix = algorithm == CardKeyAlgorithm.Rsa2048 ? "001" : "002";
        issuerSuffix = algorithm == CardKeyAlgorithm.Rsa2048 ? "000" : "002";

        // Independent key streams: generate them in parallel (RSA-2048 generation is the slow part); the result does not
        // depend on the order because each key has its own seeded random source.
        var authorities = Layout.AsParallel().AsOrdered().Select(entry =>
            new CvcAuthority(CvcKeyId.Create(entry.Number, suffix), CardSigningKey.Generate(algorithm, DeterministicRandom.Create(pki.Seed, $"cvc/{entry.Number}/{suffix}")), entry.Role))
            .ToDictionary(a => a.Role);
        MfRoot = authorities[CvcAuthorityRole.MfChainAnchor];
        SurfaceCa = authorities[CvcAuthorityRole.SurfaceApAnchor];
        TextCa = authorities[CvcAuthorityRole.TextApAnchor];
        MfIntermediate = authorities[CvcAuthorityRole.MfIntermediate];
        MfUpperCvc = MfRoot.IssueCvc(MfIntermediate.KeyId, MfIntermediate.Key);
    }

    /// <summary>RSA-2048 or ECDSA P-384.</summary>
    public CardKeyAlgorithm Algorithm { get; }

    /// <summary>Trust anchor of the MF-level chain (GET DATA 00F8), key id 6000020.</summary>
    public CvcAuthority MfRoot { get; }

    /// <summary>Trust anchor for surface AP CVCs, key id 6000023.</summary>
    public CvcAuthority SurfaceCa { get; }

    /// <summary>Trust anchor for text AP CVCs, key id 6000033.</summary>
    public CvcAuthority TextCa { get; }

    /// <summary>Key certified by <see cref="MfRoot"/>; it certifies each card's chip key (GET DATA 7F21).</summary>
    public CvcAuthority MfIntermediate { get; }

    /// <summary>GET DATA 00F8 content source: 7F21 certificate MfRoot → MfIntermediate.</summary>
    public byte[] MfUpperCvc { get; }

    /// <summary>The three trust anchors (what the verifier's trust store holds), each with its role.</summary>
    public IReadOnlyList<CvcAuthority> TrustAnchors => [MfRoot, SurfaceCa, TextCa];

    /// <summary>The municipal issuer key id of the surface AP: municipality code + <c>21</c> (observed on a test card).</summary>
    public byte[] SurfaceIssuerKeyId(string municipalityCode) => CvcKeyId.Create(IssuerNumber(municipalityCode, "21"), issuerSuffix);

    /// <summary>The municipal issuer key id of the text AP: municipality code + <c>31</c> [U].</summary>
    public byte[] TextIssuerKeyId(string municipalityCode) => CvcKeyId.Create(IssuerNumber(municipalityCode, "31"), issuerSuffix);

    /// <summary>The key that signs a municipality's surface AP records (DF28, DF13, DF43); generated on first use.</summary>
    public CvcAuthority SurfaceIssuerFor(string municipalityCode) => Issuer(SurfaceIssuerKeyId(municipalityCode), CvcAuthorityRole.SurfaceApIssuer);

    /// <summary>The key that signs a municipality's text AP records (DF33, DF52); generated on first use.</summary>
    public CvcAuthority TextIssuerFor(string municipalityCode) => Issuer(TextIssuerKeyId(municipalityCode), CvcAuthorityRole.TextApIssuer);

    /// <summary>Surface AP EF 0004: 7F21 certificate SurfaceCa → the municipality's surface issuer (568 bytes for RSA).</summary>
    public byte[] SurfaceCvcFor(string municipalityCode) => IssuerCvc(SurfaceCa, SurfaceIssuerFor(municipalityCode));

    /// <summary>Text AP EF 0004: 7F21 certificate TextCa → the municipality's text issuer (568 bytes for RSA).</summary>
    public byte[] TextCvcFor(string municipalityCode) => IssuerCvc(TextCa, TextIssuerFor(municipalityCode));

    private static string IssuerNumber(string municipalityCode, string application)
    {
        ArgumentNullException.ThrowIfNull(municipalityCode);
        if (municipalityCode.Length != 5 || !municipalityCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A municipality code is 5 digits.", nameof(municipalityCode));
        }

        return municipalityCode + application;
    }

    private CvcAuthority Issuer(byte[] keyId, CvcAuthorityRole role) =>
        issuers.GetOrAdd(CvcKeyId.Describe(keyId), name => new Lazy<CvcAuthority>(
            () => new CvcAuthority(keyId, CardSigningKey.Generate(Algorithm, DeterministicRandom.Create(pki.Seed, $"cvc/issuer/{name}")), role),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private byte[] IssuerCvc(CvcAuthority anchor, CvcAuthority issuer) =>
        issuerCvcs.GetOrAdd(CvcKeyId.Describe(issuer.KeyId), _ => new Lazy<byte[]>(
            () => anchor.IssueCvc(issuer.KeyId, issuer.Key),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value.ToArray();
}
