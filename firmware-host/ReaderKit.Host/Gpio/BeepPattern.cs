namespace ReaderKit.Host.Gpio;

/// <summary>Buzzer patterns, as (on, off) durations in milliseconds.</summary>
public enum BeepPattern
{
    /// <summary>One short beep: accepted.</summary>
    Accepted,

    /// <summary>Three short beeps: refused (not genuine, face not accepted, credential refused).</summary>
    Refused,

    /// <summary>One long beep: reader fault or the card must be tapped again.</summary>
    Fault,

    /// <summary>Two short beeps: attention (mode changed, card left early).</summary>
    Attention,
}
