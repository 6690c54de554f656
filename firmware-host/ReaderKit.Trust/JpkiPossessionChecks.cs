namespace ReaderKit.Trust;

/// <summary>Stable check names of a JPKI possession check (phones): part of the result contract like <see cref="CheckNames"/>.</summary>
public static class JpkiPossessionChecks
{
    /// <summary>EF 0006's label: which carrier (phone, plastic card) answered.</summary>
    public const string Token = "jpki.token";

    /// <summary>The authentication PIN was accepted (set by the tap level, which ran the VERIFY).</summary>
    public const string Pin = "jpki.pin";

    /// <summary>The user-authentication certificate chains to a held JPKI root (fail closed on an unknown issuer).</summary>
    public const string Chain = "jpki.chain";

    /// <summary>The certificate is valid at the verification time.</summary>
    public const string Validity = "jpki.validity";

    /// <summary>The carrier's signature over the fresh nonce verifies with the certificate's key.</summary>
    public const string Challenge = "jpki.challenge";

    /// <summary>Always SKIP: a JPKI authentication reads no card face (a phone has none).</summary>
    public const string CardFace = "card.face";
}
