using ReaderKit.Apdu;

namespace ReaderKit.Card.Credentials;

/// <summary>Base of the errors about a card credential (照合番号B, PIN…). Never carries the secret.</summary>
public abstract class CredentialException : CardException
{
    protected CredentialException(string credential, int? remainingTries, string message, Exception? inner = null)
        : base(message, inner)
    {
        Credential = credential;
        RemainingTries = remainingTries;
    }

    /// <summary>Which credential (e.g. "surface 照合番号B (EF 0012)").</summary>
    public string Credential { get; }

    /// <summary>Tries left on the card, when known (null when the counter or the outcome is unknown).</summary>
    public int? RemainingTries { get; }
}
