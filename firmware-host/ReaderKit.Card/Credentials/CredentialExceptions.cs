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

/// <summary>The credential is blocked (63C0 / 6983 / 6984). Only a municipal office can reset it.</summary>
public sealed class CredentialBlockedException : CredentialException
{
    public CredentialBlockedException(string credential)
        : base(credential, 0, $"{credential} is blocked; no VERIFY was sent.")
    {
    }
}

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

/// <summary>The card rejected the value (63Cx): one try was spent, <see cref="CredentialException.RemainingTries"/> remain.</summary>
public sealed class CredentialRejectedException : CredentialException
{
    public CredentialRejectedException(string credential, int remainingTries)
        : base(credential, remainingTries, $"{credential} was rejected by the card; {remainingTries} tries left.")
    {
    }
}

/// <summary>Local validation of a credential failed before anything was sent. Never echoes the digits.</summary>
public sealed class InvalidCredentialFormatException : ArgumentException
{
    public InvalidCredentialFormatException(CredentialFormatProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public CredentialFormatProblem Problem { get; }
}

/// <summary>Why a credential failed local validation.</summary>
public enum CredentialFormatProblem
{
    WrongLength,
    NotDigits,
    BirthDateOutOfRange,
    InvalidBirthDate,
    ExpiryYearOutOfRange,
    SecurityCodeFormat,
    PinFormat,
}
