using ReaderKit.Apdu;

namespace ReaderKit.Card.Credentials;

/// <summary>
/// The empty VERIFY that asks for the remaining tries did not answer with a counter (<c>63Cx</c>), "already verified"
/// (<c>9000</c>) or "blocked" (<c>6983</c>/<c>6984</c>) — e.g. <c>6300</c> without a count, or any other status word — so
/// the value was not sent: without a counter the floor cannot be enforced. Contracts: <c>ErrorCode.RetryCounterUnknown</c>
/// (1104).
/// </summary>
public sealed class RetryCounterUnknownException : CredentialException
{
    public RetryCounterUnknownException(string credential, StatusWord statusWord)
        : base(credential, null, $"{credential}: the card reported no usable retry counter ({statusWord}); the value was not sent.")
    {
        StatusWord = statusWord;
    }

    /// <summary>What the card answered to the empty VERIFY.</summary>
    public StatusWord StatusWord { get; }
}
