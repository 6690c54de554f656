namespace ReaderKit.Forms;

/// <summary>Whether the site could reach the online eligibility system when the tap started.</summary>
public enum ReceiptMode
{
    /// <summary>Not established (no probe configured).</summary>
    Unknown = 0,

    /// <summary>The site was online.</summary>
    Online = 1,

    /// <summary>The site was offline: the case the paperwork exists for.</summary>
    Offline = 2,
}
