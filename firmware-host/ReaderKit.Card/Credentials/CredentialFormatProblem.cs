using ReaderKit.Apdu;

namespace ReaderKit.Card.Credentials;

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
