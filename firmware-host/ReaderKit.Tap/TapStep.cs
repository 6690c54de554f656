namespace ReaderKit.Tap;

/// <summary>The steps of one tap that a progress event is raised for, in the order a successful tap reaches them.</summary>
/// <remarks>Face steps run concurrently with the card steps, so <see cref="FaceCaptured"/> may come before <see cref="CredentialChecked"/>.</remarks>
public enum TapStep
{
    /// <summary>A Type B card answered in the field.</summary>
    CardPresent,

    /// <summary>照合番号B was accepted by the card (tries queried first, VERIFY sent only above the floor).</summary>
    CredentialChecked,

    /// <summary>The card face (EF 0002, with the photo) was read.</summary>
    CardFaceRead,

    /// <summary>The CVC chain, DF28 and the expiry were checked (no card I/O).</summary>
    SignaturesChecked,

    /// <summary>The chip signed a fresh challenge with its own key (or failed to).</summary>
    ChipChallenge,

    /// <summary>The live frames were captured and screened for presentation attacks.</summary>
    FaceCaptured,

    /// <summary>The live face was compared with the verified chip photo.</summary>
    FaceMatched,

    /// <summary>The verdict is decided (always the last event).</summary>
    Result,
}
