namespace ReaderKit.Host.Journal;

/// <summary>Why personal fields are being decrypted; every decryption is audited with its purpose.</summary>
public enum PersonalDataPurpose
{
    /// <summary>Printing the outage paperwork (self-declaration form, receipt) for the holder.</summary>
    OutagePaperwork = 1,

    /// <summary>Staff reviewing a record at the counter (e.g. showing the chip photo for a visual check).</summary>
    StaffReview = 2,

    /// <summary>Reconciliation with the online eligibility system once it is back.</summary>
    Reconciliation = 3,
}
