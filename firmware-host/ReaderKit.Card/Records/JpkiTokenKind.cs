namespace ReaderKit.Card.Records;

/// <summary>What carries the JPKI applet, told by the token label of EF 0006 (jpki/myna; soltia48/myna-card).</summary>
public enum JpkiTokenKind
{
    /// <summary>A label this reader does not know: neither a card nor a phone it can name.</summary>
    Unknown,

    /// <summary>The plastic My Number Card: <c>JPKIAPICCTOKEN2</c> (older cards <c>JPKIAPICCTOKEN</c>).</summary>
    PlasticCard,

    /// <summary>A smartphone's secure element (スマホ用電子証明書): <c>JPKIAPGPSETOKEN</c>.</summary>
    Phone,
}
