namespace ReaderKit.Forms;

/// <summary>How one receipt check ended.</summary>
public enum ReceiptCheckStatus
{
    /// <summary>Not performed on this tap.</summary>
    NotPerformed = 0,

    /// <summary>Passed.</summary>
    Passed = 1,

    /// <summary>Performed and failed.</summary>
    Failed = 2,
}
