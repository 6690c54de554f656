using ReaderKit.Card.Credentials;

namespace ReaderKit.Tap;

/// <summary>
/// What a smartphone tap needs: the JPKI user-authentication PIN (4 digits) and the retry floor. The PIN is held as a
/// <see cref="CardPin"/> and zeroed when the tap ends (or when this request is disposed unused); the caller's character
/// buffer is zeroed by <see cref="FromPinBuffer"/> as soon as it is copied.
/// </summary>
public sealed class PhoneTapRequest : IDisposable
{
    private PhoneTapRequest(CardPin pin, int floor, bool allowLastTry)
    {
        Pin = pin;
        Floor = floor;
        AllowLastTry = allowLastTry;
    }

    /// <summary>The authentication PIN (zeroed when the tap ends).</summary>
    public CardPin Pin { get; }

    /// <summary>Refuse at or below this many remaining tries (at least 1; default 2 like 照合番号B).</summary>
    public int Floor { get; }

    /// <summary>Explicitly allow spending the last try (staffed counter only).</summary>
    public bool AllowLastTry { get; }

    /// <summary>Copies a 4-digit PIN out of <paramref name="pin"/> and zeroes the buffer whatever happens.</summary>
    /// <param name="pin">The PIN characters (zeroed on return).</param>
    /// <param name="floor">Refuse at or below this many remaining tries (default 2; checked by <see cref="PhoneTap.RunAsync"/>).</param>
    /// <param name="allowLastTry">Explicitly allow spending the last try (staffed counter only).</param>
    /// <exception cref="InvalidCredentialFormatException">Not exactly 4 digits (the buffer is zeroed as well).</exception>
    public static PhoneTapRequest FromPinBuffer(char[] pin, int? floor = null, bool allowLastTry = false)
    {
        ArgumentNullException.ThrowIfNull(pin);
        try
        {
            return new PhoneTapRequest(CardPin.FourDigit(pin), floor ?? RetryPolicy.Default.Floor, allowLastTry);
        }
        finally
        {
            Array.Clear(pin);
        }
    }

    /// <summary>Zeroes the PIN.</summary>
    public void Dispose() => Pin.Dispose();
}
