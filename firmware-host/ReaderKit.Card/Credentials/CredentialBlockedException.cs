using ReaderKit.Apdu;

namespace ReaderKit.Card.Credentials;

/// <summary>The credential is blocked (63C0 / 6983 / 6984). Only a municipal office can reset it.</summary>
public sealed class CredentialBlockedException : CredentialException
{
    public CredentialBlockedException(string credential)
        : base(credential, 0, $"{credential} is blocked; no VERIFY was sent.")
    {
    }
}
