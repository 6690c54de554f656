using ReaderKit.Card.Credentials;

namespace ReaderKit.Host.Reader;

/// <summary>
/// What the state machine hands the tap library for one tap. <see cref="NumberB"/> is owned by the state machine and
/// disposed (zeroed) when the tap ends; the runner must not keep it.
/// </summary>
/// <param name="NumberB">照合番号B.</param>
/// <param name="RunFace">False when the staff visual check replaces the camera.</param>
/// <param name="ReadPersonalFields">True when the caller or the journal needs name/address/birth date/photo from the card face.</param>
public sealed record TapRequest(VerificationNumberB NumberB, bool RunFace, bool ReadPersonalFields)
{
    /// <summary>Also read and verify the text AP (券面事項入力補助AP).</summary>
    public bool ReadTextAp { get; init; }

    /// <summary>Also read and check the JPKI authentication certificate chain.</summary>
    public bool ReadJpki { get; init; }

    /// <summary>Name and address are needed (the caller asked for personal fields, or the journal keeps name or address): the text AP is read for them.</summary>
    public bool ReadNameAndAddress { get; init; }

    /// <summary>Keep the live frame the face match scored best, for a caller that asked for it (<see cref="TapOptions.ReturnLiveFrame"/>).</summary>
    public bool KeepLiveFrame { get; init; }
}
