namespace ReaderKit.Contracts;

/// <summary>The closed set of tap outcomes a kiosk acts on. Exactly one is <see cref="Accepted"/>.</summary>
public enum VerdictKind
{
    /// <summary>Genuine, valid card; credential accepted; face matched (or confirmed by staff, or not required).</summary>
    Accepted = 0,

    /// <summary>A signature, the chain or the chip challenge failed.</summary>
    NotGenuine = 1,

    /// <summary>Genuine but not valid at the verification time.</summary>
    Expired = 2,

    /// <summary>The face did not match, an attack was suspected, the check was inconclusive, or it was required and not done.</summary>
    FaceNotAccepted = 3,

    /// <summary>照合番号B/PIN refused, blocked, floor reached, counter unknown, or outcome unknown.</summary>
    CredentialRefused = 4,

    /// <summary>Reader, link, camera or models failed, or the card left; nothing was decided about the card.</summary>
    ReaderError = 5,

    /// <summary>The tap was cancelled.</summary>
    Cancelled = 6,
}
