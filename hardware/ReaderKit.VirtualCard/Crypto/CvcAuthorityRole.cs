namespace ReaderKit.VirtualCard.Crypto;

/// <summary>
/// What a CVC authority of the test PKI does. The three anchors are what a verifier's trust store holds, each scoped to one
/// card application (trust-file roles <c>mf-chain</c>, <c>surface-ap</c>, <c>text-ap</c>); the per-municipality issuers are certified by
/// them and sign the card data.
/// </summary>
public enum CvcAuthorityRole
{
    /// <summary>Anchor of the MF-level chain (GET DATA 00F8); never an issuer of AP data. Trust-file role <c>mf-chain</c>.</summary>
    MfChainAnchor,

    /// <summary>Anchor for surface-AP CVCs (EF 0004). Trust-file role <c>surface-ap</c>.</summary>
    SurfaceApAnchor,

    /// <summary>Anchor for text-AP CVCs (EF 0004). Trust-file role <c>text-ap</c>.</summary>
    TextApAnchor,

    /// <summary>Certified by the MF anchor; certifies each card's chip key (GET DATA 7F21).</summary>
    MfIntermediate,

    /// <summary>One per municipality, certified by the surface anchor; signs that municipality's surface AP records (DF28, DF13, DF43).</summary>
    SurfaceApIssuer,

    /// <summary>One per municipality, certified by the text anchor; signs that municipality's text AP records (DF33, DF52).</summary>
    TextApIssuer,
}
