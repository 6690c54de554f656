namespace ReaderKit.Protocol.Messages;

/// <summary>How the birth date is written in 照合番号B (wire: <c>era</c> or <c>western</c>).</summary>
public enum NumberBNotation
{
    /// <summary>Japanese nationals: era year + month + day.</summary>
    JapaneseEra,

    /// <summary>Foreign residents: last two digits of the Western year + month + day.</summary>
    Western,
}
