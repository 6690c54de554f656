namespace ReaderKit.Contracts;

/// <summary>The family an <see cref="ErrorCode"/> belongs to; it decides the CLI exit code and the UI's wording.</summary>
public enum ErrorCategory
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The card is missing, left or is not a My Number Card.</summary>
    Card,

    /// <summary>照合番号B or PIN: refused, blocked, floor reached, counter unknown, outcome unknown.</summary>
    Credential,

    /// <summary>The card is not genuine or not valid.</summary>
    Authenticity,

    /// <summary>The reader, its link, or the tap's deadline.</summary>
    Reader,

    /// <summary>Face match and presentation-attack screening.</summary>
    Face,

    /// <summary>Camera or face models.</summary>
    Camera,

    /// <summary>Session, lease, authorisation, rate limits.</summary>
    Session,

    /// <summary>Bad input or configuration.</summary>
    Input,

    /// <summary>The journal or other local storage.</summary>
    Storage,

    /// <summary>The RPC protocol itself.</summary>
    Protocol,

    /// <summary>Cancelled.</summary>
    Cancelled,

    /// <summary>Internal error.</summary>
    Internal,
}
