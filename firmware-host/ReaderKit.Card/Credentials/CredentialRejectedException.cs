using ReaderKit.Apdu;

namespace ReaderKit.Card.Credentials;

/// <summary>The card rejected the value (63Cx): one try was spent, <see cref="CredentialException.RemainingTries"/> remain.</summary>
public sealed class CredentialRejectedException : CredentialException
{
    public CredentialRejectedException(string credential, int remainingTries)
        : base(credential, remainingTries, $"{credential} was rejected by the card; {remainingTries} tries left.")
    {
    }
}
