namespace ReaderKit.Apdu;

/// <summary>
/// The one place that says which instructions must never be sent twice for one intent, and which carry a secret in
/// their command data. <see cref="ApduChannel"/> uses it to refuse the 6Cxx resend; transports use it for deadlines and
/// for zeroing buffers.
/// </summary>
public static class ApduInstructions
{
    /// <summary>VERIFY (ISO 7816-4): presents a PIN or 照合番号 and spends a try when wrong.</summary>
    public const byte Verify = 0x20;

    /// <summary>CHANGE REFERENCE DATA (ISO 7816-4): replaces a PIN after presenting the old one.</summary>
    public const byte ChangeReferenceData = 0x24;

    /// <summary>PERFORM SECURITY OPERATION / COMPUTE DIGITAL SIGNATURE (ISO 7816-8; the card's <c>80 2A</c>).</summary>
    public const byte PerformSecurityOperation = 0x2A;

    /// <summary>RESET RETRY COUNTER (ISO 7816-4): unblocks with a PUK.</summary>
    public const byte ResetRetryCounter = 0x2C;

    /// <summary>JICSAP CHANGE KEY (<c>80 32</c>, 住基 and common AP PINs).</summary>
    public const byte ChangeKey = 0x32;

    /// <summary>EXTERNAL AUTHENTICATE (ISO 7816-4).</summary>
    public const byte ExternalAuthenticate = 0x82;

    /// <summary>GENERAL AUTHENTICATE (ISO 7816-4, even and odd INS).</summary>
    public const byte GeneralAuthenticate = 0x86;

    /// <summary>INTERNAL AUTHENTICATE (ISO 7816-4).</summary>
    public const byte InternalAuthenticate = 0x88;

    /// <summary>
    /// True for instructions whose effect on the card is not idempotent: credential presentation and change (a second
    /// VERIFY spends a second try), signing and authentication (a second signature is a second use of the key, and some
    /// cards count them), and writes. Such a command is sent once; a 6Cxx answer is returned to the caller as it is.
    /// </summary>
    public static bool MustNotRepeat(byte ins) => ins switch
    {
        Verify or 0x21 or ChangeReferenceData or 0x25 or ResetRetryCounter or 0x2D or ChangeKey => true,
        PerformSecurityOperation or ExternalAuthenticate or GeneralAuthenticate or 0x87 or InternalAuthenticate => true,
        0x0E or 0x0F or 0xD6 or 0xD7 or 0xDC or 0xDD or 0xE2 or 0xE4 => true, // ERASE, UPDATE/WRITE, APPEND, DELETE
        _ => false,
    };

    /// <summary>
    /// True for instructions whose command data may be a secret (a PIN, 照合番号B, a new PIN): buffers that held their
    /// encoding are zeroed after use, and their data never appears in a message.
    /// </summary>
    public static bool CarriesSecret(byte ins) => ins is Verify or 0x21 or ChangeReferenceData or 0x25 or ResetRetryCounter or 0x2D or ChangeKey;
}
