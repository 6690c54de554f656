namespace ReaderKit.VirtualCard.Crypto;

/// <summary>
/// The J-LIS CVC hierarchy of one card generation in the test PKI. Trust anchors carry the test-prefix key ids
/// the reference lists (<c>6000020</c> MF chain, <c>6000023</c> surface AP, <c>6000033</c> text AP); each certifies one
/// issuer key (<c>6100020</c>/<c>6100023</c>/<c>6100033</c>, our choice) that signs the card data. The 3-digit suffix is
/// <c>001</c> for RSA-2048 and <c>002</c> for the ECDSA P-384 next generation (assumption). Key ids and roles are one data
/// table (<see cref="Layout"/>): change it there. Every id starts with 6, so a verifier treats all of them as test anchors.
/// </summary>
public sealed class CvcHierarchy
{
    /// <summary>Key number and role of every authority in one generation (the 3-digit suffix is per generation).</summary>
    public static IReadOnlyList<(string Number, CvcAuthorityRole Role)> Layout { get; } =
    [
        ("6000020", CvcAuthorityRole.MfChainAnchor),
        ("6000023", CvcAuthorityRole.SurfaceApAnchor),
        ("6000033", CvcAuthorityRole.TextApAnchor),
        ("6100020", CvcAuthorityRole.MfIntermediate),
        ("6100023", CvcAuthorityRole.SurfaceApIssuer),
        ("6100033", CvcAuthorityRole.TextApIssuer),
    ];

    internal CvcHierarchy(TestPki pki, CardKeyAlgorithm algorithm)
    {
        Algorithm = algorithm;
        var suffix = algorithm == CardKeyAlgorithm.Rsa2048 ? "001" : "002";
        // Six independent key streams: generate them in parallel (RSA-2048 generation is the slow part); the result
        // does not depend on the order because each key has its own seeded random source.
        var authorities = Layout.AsParallel().AsOrdered().Select(entry =>
            new CvcAuthority(CvcKeyId.Create(entry.Number, suffix), CardSigningKey.Generate(algorithm, DeterministicRandom.Create(pki.Seed, $"cvc/{entry.Number}/{suffix}")), entry.Role))
            .ToDictionary(a => a.Role);
        MfRoot = authorities[CvcAuthorityRole.MfChainAnchor];
        SurfaceCa = authorities[CvcAuthorityRole.SurfaceApAnchor];
        TextCa = authorities[CvcAuthorityRole.TextApAnchor];
        MfIntermediate = authorities[CvcAuthorityRole.MfIntermediate];
        SurfaceIssuer = authorities[CvcAuthorityRole.SurfaceApIssuer];
        TextIssuer = authorities[CvcAuthorityRole.TextApIssuer];
        MfUpperCvc = MfRoot.IssueCvc(MfIntermediate.KeyId, MfIntermediate.Key);
        SurfaceCvc = SurfaceCa.IssueCvc(SurfaceIssuer.KeyId, SurfaceIssuer.Key);
        TextCvc = TextCa.IssueCvc(TextIssuer.KeyId, TextIssuer.Key);
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

    /// <summary>Key certified by the surface CVC; signs surface AP records (DF28, DF13, DF43).</summary>
    public CvcAuthority SurfaceIssuer { get; }

    /// <summary>Key certified by the text CVC; signs text AP records (DF33, DF52).</summary>
    public CvcAuthority TextIssuer { get; }

    /// <summary>GET DATA 00F8 content source: 7F21 certificate MfRoot → MfIntermediate.</summary>
    public byte[] MfUpperCvc { get; }

    /// <summary>Surface AP EF 0004: 7F21 certificate SurfaceCa → SurfaceIssuer (568 bytes for RSA).</summary>
    public byte[] SurfaceCvc { get; }

    /// <summary>Text AP EF 0004: 7F21 certificate TextCa → TextIssuer (568 bytes for RSA).</summary>
    public byte[] TextCvc { get; }

    /// <summary>The three trust anchors (what the verifier's trust store holds), each with its role.</summary>
    public IReadOnlyList<CvcAuthority> TrustAnchors => [MfRoot, SurfaceCa, TextCa];
}
