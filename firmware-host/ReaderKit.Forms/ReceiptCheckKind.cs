namespace ReaderKit.Forms;

/// <summary>The checks a verification receipt reports, in the order they are printed.</summary>
public enum ReceiptCheckKind
{
    /// <summary>The card-face data is signed by J-LIS and the signature chain verified offline (card genuine).</summary>
    CardGenuine = 1,

    /// <summary>The chip answered a fresh challenge with its own key (the chip was present, not a copy of its data).</summary>
    ChipPresent = 2,

    /// <summary>The live face matched the verified chip photo.</summary>
    FaceMatched = 3,

    /// <summary>Staff compared the verified chip photo with the person and confirmed (operator id recorded).</summary>
    StaffConfirmed = 4,
}
