namespace ReaderKit.Pcsc;

/// <summary>What <c>SCardDisconnect</c> does to the card.</summary>
public enum PcscDisposition
{
    /// <summary><c>SCARD_LEAVE_CARD</c>: the card stays as it is (its security state, e.g. an accepted 照合番号B, survives).</summary>
    Leave = 0,

    /// <summary>
    /// <c>SCARD_RESET_CARD</c> (the tap's choice): the card is reset, so no verified PIN and no selected application outlive the
    /// tap — the PC/SC counterpart of the PN532 path's InRelease.
    /// </summary>
    Reset = 1,

    /// <summary><c>SCARD_UNPOWER_CARD</c>: the reader powers the card (the field) down.</summary>
    Unpower = 2,
}
