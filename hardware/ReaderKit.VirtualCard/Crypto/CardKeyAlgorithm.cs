namespace ReaderKit.VirtualCard.Crypto;

/// <summary>The public-key algorithm of a card generation.</summary>
public enum CardKeyAlgorithm
{
    /// <summary>Current cards: RSA-2048, e = 65537, RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    Rsa2048,

    /// <summary>Next-generation card (assumption, see README): ECDSA P-384 with SHA-384, raw r‖s signatures.</summary>
    EcdsaP384,
}
