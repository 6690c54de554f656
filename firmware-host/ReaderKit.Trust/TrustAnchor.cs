namespace ReaderKit.Trust;

/// <summary>
/// A trust anchor as results report it: which key or root, what it may certify, where it came from and whether it is a
/// test anchor. Every verification names the anchors it used (<see cref="VerifiedCard.AnchorsUsed"/>).
/// </summary>
/// <param name="Name">Readable name: a CVC key id such as <c>5000023/001</c>, or a JPKI root's purpose, serial and validity.</param>
/// <param name="Identifier">CVC: the 16-byte 証明者鍵ID in hex; JPKI root: SHA-256 of the certificate's DER in hex.</param>
/// <param name="Role">What the anchor may certify.</param>
/// <param name="Origin">Built in or from a trust file.</param>
/// <param name="Source">Provenance: <c>built-in: …</c>, or the file name and entry (<c>trust.json cvcIssuerKeys[1]</c>).</param>
/// <param name="IsTestAnchor">
/// A test-hierarchy anchor: a CVC key id starting with <c>6</c>, a JPKI root of <c>O=JPKI-TEST</c>, or an entry the trust file
/// marks <c>"test": true</c> (the simulator's test PKI does). Refused unless <see cref="TrustOptions.AllowTestAnchors"/> is set.
/// </param>
public sealed record TrustAnchor(string Name, string Identifier, TrustAnchorRole Role, TrustAnchorOrigin Origin, string Source, bool IsTestAnchor)
{
    /// <summary>True when the anchor came from a trust file rather than the built-in table.</summary>
    public bool IsFromFile => Origin == TrustAnchorOrigin.File;

    /// <summary>The trust-file name of a role: <c>surface-ap</c>, <c>text-ap</c>, <c>mf-chain</c>, <c>jpki-auth</c>, <c>jpki-sign</c>.</summary>
    public static string RoleName(TrustAnchorRole role) => role switch
    {
        TrustAnchorRole.SurfaceApCvcIssuer => "surface-ap",
        TrustAnchorRole.TextApCvcIssuer => "text-ap",
        TrustAnchorRole.MfChain => "mf-chain",
        TrustAnchorRole.JpkiAuthRoot => "jpki-auth",
        TrustAnchorRole.JpkiSignRoot => "jpki-sign",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>One phrase for check reasons: <c>5000023/001 (role surface-ap, built-in)</c> or <c>6000023/001 (role surface-ap, from file x.json …, TEST anchor)</c>.</summary>
    public string Describe() =>
        $"{Name} (role {RoleName(Role)}, {(IsFromFile ? "from file " + Source : "built-in")}{(IsTestAnchor ? ", TEST anchor" : string.Empty)})";

    public override string ToString() => Describe();
}
