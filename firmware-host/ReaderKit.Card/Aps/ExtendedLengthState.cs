namespace ReaderKit.Card.Aps;

/// <summary>
/// What a <see cref="CardSession"/> knows about the card's extended-length READ BINARY, for the rest of the tap.
/// Only <see cref="Declared"/> and <see cref="Confirmed"/> send an extended Le, and only when the channel offers one
/// (<see cref="ReaderKit.Apdu.IApduChannel.MaxExtendedResponseDataLength"/>).
/// </summary>
public enum ExtendedLengthState
{
    /// <summary>No basic-information record read yet, or none declared it: short Le (≤ 256) only.</summary>
    NotDeclared,

    /// <summary>An AP's basic-information record declares extended Lc/Le; the next large READ BINARY is the probe.</summary>
    Declared,

    /// <summary>The card answered an extended READ BINARY in full.</summary>
    Confirmed,

    /// <summary>
    /// The card refused or cut an extended READ BINARY (<c>6700</c>, <c>6Cxx</c>, any error the same read at Ne 256
    /// does not repeat, or fewer bytes than asked before the end of the object): short Le for the rest of the tap.
    /// </summary>
    Refused,
}
