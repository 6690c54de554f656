using ReaderKit.Card.Tlv;

namespace ReaderKit.Card.Records;

/// <summary>The four basic facts as text.</summary>
public sealed record TextAttributes(string Name, string Address, DateOnly BirthDate, Sex Sex);
