namespace ReaderKit.Trust;

/// <summary>
/// What a trust anchor may certify. Trust is scoped per card application: a surface-AP CVC may only chain to a
/// <see cref="SurfaceApCvcIssuer"/> key, a text-AP CVC only to a <see cref="TextApCvcIssuer"/> key, the MF-chain key is
/// never an issuer of AP data, and the JPKI user-authentication certificate only chains to a <see cref="JpkiAuthRoot"/>.
/// Trust-file names are in brackets.
/// </summary>
public enum TrustAnchorRole
{
    /// <summary>CA key that signs surface-AP (券面事項確認AP) CVCs, EF 0004 — production 5000023 (<c>surface-ap</c>).</summary>
    SurfaceApCvcIssuer,

    /// <summary>CA key that signs text-AP (券面事項入力補助AP) CVCs, EF 0004 — production 5000033 (<c>text-ap</c>).</summary>
    TextApCvcIssuer,

    /// <summary>CA key of the MF-level chain (GET DATA 7F21/00F8) — production 5000020 (<c>mf-chain</c>). Never an AP-data issuer.</summary>
    MfChain,

    /// <summary>JPKI root that issues user-authentication (利用者証明用) certificates (<c>jpki-auth</c>).</summary>
    JpkiAuthRoot,

    /// <summary>JPKI root that issues digital-signature (署名用) certificates (<c>jpki-sign</c>). Held, not used by any check yet.</summary>
    JpkiSignRoot,
}
