using System.Security.Cryptography;

namespace ReaderKit.Card.Credentials;

/// <summary>How the birth date is written in 照合番号B.</summary>
public enum BirthDateNotation
{
    /// <summary>Japanese nationals: era year YY + MM + DD (e.g. Showa 55-02-17 → 550217).</summary>
    JapaneseEra,

    /// <summary>Foreign residents [U]: last two digits of the Western year + MM + DD.</summary>
    Western,
}
