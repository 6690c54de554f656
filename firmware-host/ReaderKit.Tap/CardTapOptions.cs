using ReaderKit.Nfc;
using ReaderKit.Trust;

namespace ReaderKit.Tap;

/// <summary>How a <see cref="CardTap"/> is set up: trust, the chip, and the time limits. Shared by every tap of one instance.</summary>
public sealed record CardTapOptions
{
    /// <summary>Anchors and the test-anchor policy.</summary>
    public TrustOptions Trust { get; init; } = new();

    /// <summary>PN532 driver settings (ACK and command deadlines).</summary>
    public Pn532Options Chip { get; init; } = new();

    /// <summary>APDU transport settings: extended Ne, deadlines, and which ISO-DEP carries the tap (the driver's own or the chip's).</summary>
    public Pn532TransportOptions Transport { get; init; } = new();

    /// <summary>How long to wait for a Type B card in the field (then <c>CardNotPresent</c>).</summary>
    public TimeSpan CardWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between polls while waiting for a card.</summary>
    public TimeSpan CardPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Deadline of one APDU including its GET RESPONSE rounds (null: the channel's default).</summary>
    public TimeSpan? ApduTimeout { get; init; }

    /// <summary>One deadline for the whole tap, from link open to verdict (then <c>TapDeadlineExceeded</c>).</summary>
    public TimeSpan TapDeadline { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long releasing the card may take at the end (runs even after cancellation).</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Start the face step together with the card read (true) or only after the card was verified (false: the sequential baseline).</summary>
    public bool OverlapFaceWithCard { get; init; } = true;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive time limit.</exception>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(CardWait), CardWait), (nameof(CardPollInterval), CardPollInterval), (nameof(TapDeadline), TapDeadline), (nameof(ReleaseTimeout), ReleaseTimeout) })
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
        }

        if (ApduTimeout is { } apdu)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(apdu, TimeSpan.Zero, nameof(ApduTimeout));
        }
    }
}
