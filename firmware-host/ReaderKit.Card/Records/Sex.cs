using System.Globalization;
using System.Text;

namespace ReaderKit.Card.Records;

/// <summary>Sex as the card encodes it (ISO/IEC 5218 / JIS X 0303 digit).</summary>
public enum Sex
{
    Unknown = 0,
    Male = 1,
    Female = 2,
    NotApplicable = 9,
}
