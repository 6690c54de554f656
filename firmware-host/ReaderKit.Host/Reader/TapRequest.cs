using ReaderKit.Card.Credentials;

namespace ReaderKit.Host.Reader;

/// <summary>
/// What the state machine hands the tap library for one tap. <see cref="NumberB"/> is owned by the state machine and
/// disposed (zeroed) when the tap ends; the runner must not keep it.
/// </summary>
/// <param name="NumberB">照合番号B.</param>
/// <param name="RunFace">False when the staff visual check replaces the camera.</param>
/// <param name="ReadPersonalFields">True when the caller or the journal needs name/address/birth date/photo from the card face.</param>
public sealed record TapRequest(VerificationNumberB NumberB, bool RunFace, bool ReadPersonalFields);
