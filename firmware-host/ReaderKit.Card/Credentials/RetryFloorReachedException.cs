using ReaderKit.Apdu;

namespace ReaderKit.Card.Credentials;

/// <summary>
/// The remaining tries are at or below the configured floor, so the value was not sent (an OCR error
/// would otherwise move the card closer to blocking).
/// </summary>
public sealed class RetryFloorReachedException : CredentialException
{
    public RetryFloorReachedException(string credential, int remainingTries, int floor)
        : base(credential, remainingTries, $"{credential}: {remainingTries} tries left, at or below the floor of {floor}; not sent.")
    {
        Floor = floor;
    }

    public int Floor { get; }
}
