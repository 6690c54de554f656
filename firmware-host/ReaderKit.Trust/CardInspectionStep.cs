namespace ReaderKit.Trust;

/// <summary>
/// The steps of one card inspection, in the order <see cref="CardInspector"/> runs them. Each is reported once, when it
/// completes (<see cref="CardInspectionProgress"/>), and timed (<see cref="VerifiedCard.Timings"/>). Steps for parts the
/// options turned off, or that a card does not have, are not reported.
/// </summary>
public enum CardInspectionStep
{
    /// <summary>Surface AP selected; its CVC (EF 0004) and AP info (EF 0003) read — no credential needed.</summary>
    SurfaceApSelected,

    /// <summary>照合番号B: tries queried without spending one, then VERIFY accepted by the surface AP.</summary>
    CredentialChecked,

    /// <summary>Card face EF 0002 read (the long read: the photo).</summary>
    CardFaceRead,

    /// <summary>Birth-date key verified and age record EF 0001 read (only with <see cref="CardInspectionOptions.ReadAgeRecord"/>).</summary>
    AgeRecordRead,

    /// <summary>Surface CVC → anchor, DF28, expiry checked (no card I/O).</summary>
    SignaturesChecked,

    /// <summary>Fresh challenge signed by the surface chip key (DF24) and verified: the card is present.</summary>
    SurfaceChipChallenged,

    /// <summary>Text AP selected, 照合番号B presented, EF 0002/0003/0007 read and their signatures checked.</summary>
    TextApRead,

    /// <summary>Fresh challenge signed by the text AP's key (EF 0007 DF51) and verified, or found unnecessary (same key as DF24).</summary>
    TextChipChallenged,

    /// <summary>JPKI user-authentication certificate and its CA read and checked (advisory).</summary>
    JpkiChecked,

    /// <summary>Common AP record read and cross-checked (unsigned, advisory).</summary>
    CommonApChecked,
}
